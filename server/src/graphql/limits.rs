//! Limits async-graphql does not have built in: aliases per operation.

use std::sync::Arc;

use async_graphql::{
    ServerResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery},
    parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet},
};

use super::context::RequestContext;
use crate::error::{ClientError, Code};
use crate::i18n::Message;

/// Most aliases accepted in one request (aliases multiply the work of one field).
pub const MAX_ALIASES: usize = 10;

/// Refuses documents with more than [`MAX_ALIASES`] aliases before they are validated.
pub struct AliasLimit;

impl ExtensionFactory for AliasLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AliasLimit)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for AliasLimit {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        if count_aliases(&document) > MAX_ALIASES {
            let locale = ctx.data_opt::<RequestContext>().map(|r| r.locale).unwrap_or_default();
            return Err(ClientError::new(Code::BadUserInput, Message::TooManyAliases)
                .reason("TOO_MANY_ALIASES")
                .to_server_error(locale));
        }
        Ok(document)
    }
}

/// Aliases in every operation and fragment of a document.
pub fn count_aliases(document: &ExecutableDocument) -> usize {
    let operations: usize = match &document.operations {
        DocumentOperations::Single(op) => in_set(&op.node.selection_set.node),
        DocumentOperations::Multiple(ops) => ops.values().map(|op| in_set(&op.node.selection_set.node)).sum(),
    };
    let fragments: usize = document.fragments.values().map(|f| in_set(&f.node.selection_set.node)).sum();
    operations + fragments
}

fn in_set(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => usize::from(field.node.alias.is_some()) + in_set(&field.node.selection_set.node),
            Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}
