mod access;
mod accounts;
mod binary;
mod hardening;
mod outbox;
mod passwords;
mod schema;
mod translations;
