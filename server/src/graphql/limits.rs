//! Limits counted over the operation that runs, with every fragment spread expanded, before
//! async-graphql walks the document, validates or executes anything.
//!
//! async-graphql's own limits either ignore fragments (aliases), ignore repeated identical fields
//! (GraphQL merges them, but each one is still parsed, validated and resolved), or would refuse
//! the introspection query GraphiQL sends in development (depth). Sizes are computed once per
//! fragment, so a fragment spread a thousand times costs no more to measure than once.

use std::{any::TypeId, cmp::max, collections::HashMap, sync::Arc};

use async_graphql::{
    Name, Positioned, Request, ServerError, ServerResult, ValidationResult,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest, NextValidation},
    parser::types::{
        DocumentOperations, ExecutableDocument, FragmentDefinition, OperationType, Selection, SelectionSet,
    },
};

use super::{MAX_COMPLEXITY, MAX_DEPTH, MAX_DIRECTIVES, MAX_RECURSIVE_DEPTH, context::RequestContext};
use crate::domain::Locale;
use crate::error::{ClientError, Code};
use crate::i18n::Message;

/// Most aliases in the operation that runs (aliases multiply the work of one field).
pub const MAX_ALIASES: usize = 10;
/// Most field selections in one operation, every occurrence counted, fragments expanded.
pub const MAX_FIELDS: usize = 300;

/// Why an operation is refused before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// More than [`MAX_ALIASES`] aliases.
    TooManyAliases,
    /// More than [`MAX_FIELDS`] field selections.
    TooManyFields,
    /// Deeper than [`MAX_DEPTH`] fields, or nested deeper than [`MAX_RECURSIVE_DEPTH`], or a
    /// fragment that spreads itself.
    TooDeep,
    /// More than [`MAX_DIRECTIVES`] directives on one field.
    TooManyDirectives,
    /// A mutation with more than one root field.
    OneMutationPerRequest,
    /// Costlier than [`MAX_COMPLEXITY`] (list fields cost their page size).
    TooComplex,
}

impl Breach {
    /// The error the client sees: `BAD_USER_INPUT` with a stable `reason`.
    pub fn client_error(self) -> ClientError {
        let (message, reason) = match self {
            Breach::TooManyAliases => (Message::TooManyAliases, "TOO_MANY_ALIASES"),
            Breach::TooManyFields => (Message::TooManyFields, "TOO_MANY_FIELDS"),
            Breach::TooDeep => (Message::TooDeep, "TOO_DEEP"),
            Breach::TooManyDirectives => (Message::TooManyDirectives, "TOO_MANY_DIRECTIVES"),
            Breach::OneMutationPerRequest => (Message::OneMutationPerRequest, "ONE_MUTATION_PER_REQUEST"),
            Breach::TooComplex => (Message::TooComplex, "TOO_COMPLEX"),
        };
        ClientError::new(Code::BadUserInput, message).reason(reason)
    }

    fn refuse(self, locale: Locale) -> ServerError {
        tracing::info!(reason = self.client_error().reason, "operation refused by a limit");
        self.client_error().to_server_error(locale)
    }
}

/// Checks a document before async-graphql walks it: the operation that runs stays within every
/// limit, and every operation stays within [`MAX_FIELDS`], because validation walks them all.
/// `introspection`: `__schema` and `__type` do not count towards the depth (development only).
pub fn check(document: &ExecutableDocument, operation_name: Option<&str>, introspection: bool) -> Result<(), Breach> {
    let mut walker = Walker { fragments: &document.fragments, introspection, sizes: HashMap::new() };
    let selected = match (&document.operations, operation_name) {
        (DocumentOperations::Single(op), None) => Some(op),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        _ => None,
    };
    if let Some(op) = selected {
        let size = walker.selection_set(&op.node.selection_set.node, 0)?;
        if op.node.ty == OperationType::Mutation && size.top_level_fields > 1 {
            return Err(Breach::OneMutationPerRequest);
        }
        if size.aliases > MAX_ALIASES {
            return Err(Breach::TooManyAliases);
        }
        if size.fields > MAX_FIELDS {
            return Err(Breach::TooManyFields);
        }
        if size.depth > MAX_DEPTH {
            return Err(Breach::TooDeep);
        }
    }
    for (_, op) in document.operations.iter() {
        if walker.selection_set(&op.node.selection_set.node, 0)?.fields > MAX_FIELDS {
            return Err(Breach::TooManyFields);
        }
    }
    Ok(())
}

/// A selection set measured with its fragment spreads expanded.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    /// Field selections, every occurrence counted.
    fields: usize,
    /// Aliases, every occurrence counted.
    aliases: usize,
    /// The longest chain of fields, as async-graphql counts depth (`__typename` adds none, nor do
    /// `__schema` and `__type` when introspection is exempt).
    depth: usize,
    /// Selection sets and fragments inside one another, as async-graphql's recursion limit counts.
    nesting: usize,
    /// Fields at this level through fragments, `__typename` aside: a mutation's root fields.
    top_level_fields: usize,
}

impl Size {
    /// Adds the sizes of a fragment (inline or spread) at this level.
    fn absorb(&mut self, inner: Size) {
        self.fields = self.fields.saturating_add(inner.fields);
        self.aliases = self.aliases.saturating_add(inner.aliases);
        self.depth = max(self.depth, inner.depth);
        self.nesting = max(self.nesting, inner.nesting + 1);
        self.top_level_fields = self.top_level_fields.saturating_add(inner.top_level_fields);
    }
}

struct Walker<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    introspection: bool,
    /// Fragments measured so far; `None` while one is being measured, so meeting it again is a cycle.
    sizes: HashMap<&'a str, Option<Size>>,
}

impl<'a> Walker<'a> {
    /// Measures `set`, found `level` selection sets and fragments deep (async-graphql's count).
    fn selection_set(&mut self, set: &'a SelectionSet, level: usize) -> Result<Size, Breach> {
        // Bounds this walk's own recursion as async-graphql's recursion limit would.
        if level > MAX_RECURSIVE_DEPTH {
            return Err(Breach::TooDeep);
        }
        let mut size = Size::default();
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    if field.directives.len() > MAX_DIRECTIVES {
                        return Err(Breach::TooManyDirectives);
                    }
                    let name = field.name.node.as_str();
                    let children = &field.selection_set.node;
                    let inner = if children.items.is_empty() {
                        Size::default()
                    } else {
                        self.selection_set(children, level + 1)?
                    };
                    let introspection = self.introspection && (name == "__schema" || name == "__type");
                    let depth = if name == "__typename" || introspection { 0 } else { inner.depth + 1 };
                    size.fields = size.fields.saturating_add(inner.fields).saturating_add(1);
                    size.aliases =
                        size.aliases.saturating_add(inner.aliases).saturating_add(usize::from(field.alias.is_some()));
                    size.depth = max(size.depth, depth);
                    if !children.items.is_empty() {
                        size.nesting = max(size.nesting, inner.nesting + 1);
                    }
                    size.top_level_fields = size.top_level_fields.saturating_add(usize::from(name != "__typename"));
                }
                Selection::InlineFragment(fragment) => {
                    size.absorb(self.selection_set(&fragment.node.selection_set.node, level + 1)?);
                }
                Selection::FragmentSpread(spread) => {
                    match self.fragment(spread.node.fragment_name.node.as_str(), level + 1)? {
                        Some(inner) => size.absorb(inner),
                        // Validation refuses an unknown fragment, but async-graphql's recursion
                        // check walks every spread before that: each one must cost something.
                        None => size.fields = size.fields.saturating_add(1),
                    }
                }
            }
        }
        Ok(size)
    }

    /// Measures a fragment once; `None` for an unknown one.
    fn fragment(&mut self, name: &'a str, level: usize) -> Result<Option<Size>, Breach> {
        match self.sizes.get(name) {
            Some(Some(size)) if level + size.nesting > MAX_RECURSIVE_DEPTH => Err(Breach::TooDeep),
            Some(Some(size)) => Ok(Some(*size)),
            Some(None) => Err(Breach::TooDeep),
            None => {
                let Some((key, fragment)) = self.fragments.get_key_value(name) else {
                    return Ok(None);
                };
                self.sizes.insert(key.as_str(), None);
                let size = self.selection_set(&fragment.node.selection_set.node, level)?;
                self.sizes.insert(key.as_str(), Some(size));
                Ok(Some(size))
            }
        }
    }
}

/// Enforces [`check`] on every request, and [`MAX_COMPLEXITY`] after validation.
pub struct QueryLimits {
    introspection: bool,
}

impl QueryLimits {
    /// `introspection`: whether the schema answers introspection (then it is exempt from the depth).
    pub fn new(introspection: bool) -> QueryLimits {
        QueryLimits { introspection }
    }
}

impl ExtensionFactory for QueryLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(QueryLimits { introspection: self.introspection })
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for QueryLimits {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let locale = request
            .data
            .get(&TypeId::of::<RequestContext>())
            .and_then(|data| data.downcast_ref::<RequestContext>())
            .map(|r| r.locale)
            .unwrap_or_default();
        let operation_name = request.operation_name.clone();
        // Parsed here once; async-graphql reuses the document.
        if let Err(breach) = check(request.parsed_query()?, operation_name.as_deref(), self.introspection) {
            return Err(breach.refuse(locale));
        }
        next.run(ctx, request).await
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        if result.complexity > MAX_COMPLEXITY {
            let locale = ctx.data_opt::<RequestContext>().map(|r| r.locale).unwrap_or_default();
            return Err(vec![Breach::TooComplex.refuse(locale)]);
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests;
