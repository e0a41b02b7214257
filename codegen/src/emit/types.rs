//! Types from resource specs: structs (with inherited fields), `Any…` enums for
//! polymorphic values, and open enums.
//!
//! - **Structs.** Every property is an `Option` (Graph omits properties freely:
//!   `$select`, partial responses, request bodies), skipped when `None`. Each struct
//!   also has `odata_type` (`@odata.type`) and `additional_properties`, a flattened map
//!   that keeps every member the docs do not list, so a round trip loses nothing but
//!   `null` members (read as `None`, then omitted). A derived type carries its base's
//!   fields (root first). A field that would make a type contain itself is boxed. A
//!   struct an update (`PATCH`, `PUT`) takes as its body names its members as
//!   constants and has `set_null`, to send `null` for one (see `member_impl`).
//! - **Polymorphism.** Where a value is typed by a type that has derived types, the
//!   value's type is `Any<Base>`: one variant per concrete type (the base first, then
//!   the derived types by name) and `Unknown(serde_json::Value)`. Deserialization reads
//!   the JSON, then dispatches on `@odata.type` (case-insensitive; absent means the
//!   base); a type not listed keeps its JSON in `Unknown`. No `untagged` guessing.
//! - **Open enums.** The documented members, `UnknownFutureValue` (Graph's marker for
//!   members added later), and `Other(String)` for any value not listed, so unseen
//!   values survive a round trip (`Unlisted(String)` if a member is called `other`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{self, LinkBase};
use super::index::{DefKind, Resolved, TypeId, TypeIndex};
use super::names::{self, Case, Scope};
use crate::spec::{EnumMember, Property};

/// Fields every struct has, taken before the docs' names.
pub(crate) const RESERVED_FIELDS: &[&str] = &["odata_type", "additional_properties"];

/// The items of one reached type: the struct and its `Any…` enum, or the enum. `gate`
/// (an area `cfg`, or nothing) goes on each of them.
pub fn type_tokens(index: &TypeIndex<'_>, id: TypeId, gate: &TokenStream) -> TokenStream {
    match &index.def(id).kind {
        DefKind::Struct => {
            let item = struct_tokens(index, id, gate);
            let any = if index.is_polymorphic(id) { any_tokens(index, id, gate) } else { quote!() };
            quote!(#item #any)
        }
        DefKind::Enum { members, .. } => enum_tokens(index, id, members, gate),
    }
}

fn link_base(index: &TypeIndex<'_>) -> LinkBase {
    LinkBase { version: index.version(), resource: true }
}

/// The derives every generated data type has. Its serde impls are [`serde_impls`].
pub(crate) fn data_derives(default: bool) -> TokenStream {
    let default = if default { quote!(Default,) } else { quote!() };
    quote!(#[derive(Debug, Clone, #default PartialEq)])
}

/// A struct's `Serialize` and `Deserialize`, through the runtime's `JsonObjectWriter`
/// and `JsonObject`: one plain call per field each way, with no `?` (the first error is
/// kept and returned at the end), where serde's derives with a flattened map cost some
/// twenty functions per struct (see the runtime's `object` module). A `None` field is
/// left out; members not taken go to `additional_properties`, written last (a member
/// there takes the place of the field of the same name: that is how `null` is sent).
/// Errors name the member. `fields` are (Rust name, JSON name) pairs; `json_name` names
/// the type in an error; `gate` goes on both impls.
pub(crate) fn serde_impls(
    name: &Ident,
    json_name: &str,
    fields: &[(String, String)],
    gate: &TokenStream,
) -> TokenStream {
    let idents: Vec<Ident> = fields.iter().map(|(rust, _)| names::ident(rust)).collect();
    let wires: Vec<&String> = fields.iter().map(|(_, wire)| wire).collect();
    quote! {
        #gate
        impl ::graphgen_runtime::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: ::graphgen_runtime::serde::Serializer,
            {
                let mut object = ::graphgen_runtime::JsonObjectWriter::begin(
                    serializer,
                    &self.additional_properties,
                )?;
                #(object.field(#wires, &self.#idents);)*
                object.end()
            }
        }

        #gate
        impl<'de> ::graphgen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: ::graphgen_runtime::serde::Deserializer<'de>,
            {
                let mut object = ::graphgen_runtime::JsonObject::read(deserializer, #json_name)?;
                let value = Self {
                    #(#idents: object.take(#wires),)*
                    additional_properties: object.rest(),
                };
                object.finish(value)
            }
        }
    }
}

/// The `odata_type` field every struct starts with.
pub(crate) fn odata_type_field(odata_type: &str) -> TokenStream {
    let doc = docs::doc_attrs(&format!(
        "The `@odata.type` of the value (`#{odata_type}`), when the JSON names it."
    ));
    quote! {
        #doc
        pub odata_type: Option<String>,
    }
}

/// The `additional_properties` field every struct ends with.
pub(crate) fn additional_properties_field() -> TokenStream {
    let doc = docs::doc_attrs(
        "Members the docs do not list, kept as received so that a round trip loses nothing.",
    );
    quote! {
        #doc
        pub additional_properties: ::graphgen_runtime::serde_json::Map<
            String,
            ::graphgen_runtime::serde_json::Value,
        >,
    }
}

/// One `Option` field for a property (or a request body parameter).
pub(crate) fn field_tokens(
    rust_name: &str,
    ty: TokenStream,
    boxed: bool,
    doc: &str,
) -> TokenStream {
    let ident = names::ident(rust_name);
    let ty = if boxed { quote!(Box<#ty>) } else { ty };
    let doc = docs::doc_attrs(doc);
    quote! {
        #doc
        pub #ident: Option<#ty>,
    }
}

/// The doc text of a field: the description, and what a raw-JSON fallback means.
pub(crate) fn field_doc(description: &str, resolved: &Resolved, base: &LinkBase) -> String {
    let mut text = docs::sanitize(description, base);
    if text.is_empty() {
        text = "Not described by the docs.".to_string();
    }
    if let Some(why) = raw_reason(resolved) {
        text.push_str(&format!("\n\nKept as raw JSON: {}.", docs::plain(&why)));
    }
    text
}

fn raw_reason(resolved: &Resolved) -> Option<String> {
    match resolved {
        Resolved::Raw(why) => Some(why.clone()),
        Resolved::Collection(item) => raw_reason(item),
        _ => None,
    }
}

fn struct_tokens(index: &TypeIndex<'_>, id: TypeId, gate: &TokenStream) -> TokenStream {
    let def = index.def(id);
    let base = link_base(index);
    let name = names::ident(index.rust_name(id));
    let mut doc = vec![docs::sanitize(&def.page.description, &base)];
    if def.page.description.trim().is_empty() {
        doc[0] = format!("The `{}` type.", def.wire_name);
    }
    if let Some(b) = def.base {
        doc.push(format!(
            "Derived from `{}`: carries its fields, then its own.",
            index.def(b).wire_name
        ));
    }
    if index.is_polymorphic(id) {
        let any = index.any_name(id).expect("polymorphic types have an Any enum");
        doc.push(format!(
            "Values typed `{}` may hold a derived type: they use [`{any}`].",
            def.wire_name
        ));
    }
    doc.push(docs::doc_link(&def.page.doc_url));
    let doc = docs::doc_attrs(&docs::paragraphs(doc));

    let types = quote!(super);
    let mut scope = Scope::with_reserved(Case::Snake, RESERVED_FIELDS);
    let mut json_names = vec![("odata_type".to_string(), "@odata.type".to_string())];
    let mut fields = Vec::new();
    for (prop, relationship) in index.fields(id) {
        if prop.name == "@odata.type" {
            continue;
        }
        let rust_name = scope.name(&prop.name);
        fields.push(property_field(index, id, prop, relationship, &rust_name, &types, &base));
        json_names.push((rust_name, prop.name.clone()));
    }
    let odata = odata_type_field(&def.odata_type);
    let extra = additional_properties_field();
    let derives = data_derives(true);
    let serde = serde_impls(&name, def.wire_name, &json_names, gate);
    let members = match index.is_updated(id) {
        // The members less `@odata.type` (the first pair), which `null` cannot clear.
        true => member_impl(&name, &json_names[1..], gate),
        false => quote!(),
    };
    quote! {
        #gate
        #doc
        #derives
        pub struct #name {
            #odata
            #(#fields)*
            #extra
        }
        #serde
        #members
    }
}

/// The struct's members as constants (`User::MOBILE_PHONE`: the field's name, upper
/// case) and its `set_null` method, which sends `null` for one of them (see the
/// runtime's `Member`): for the types and request structs of updates, where `null`
/// clears a property. `fields` are (Rust name, JSON name) pairs.
pub(crate) fn member_impl(
    name: &Ident,
    fields: &[(String, String)],
    gate: &TokenStream,
) -> TokenStream {
    let consts = fields.iter().map(|(rust, wire)| {
        let ident = names::ident(&names::unraw(rust).to_ascii_uppercase());
        let doc = docs::doc_attrs(&format!("The `{wire}` member, for [`{name}::set_null`]."));
        quote! {
            #doc
            pub const #ident: ::graphgen_runtime::Member<Self> =
                ::graphgen_runtime::Member::new(#wire);
        }
    });
    quote! {
        #gate
        impl #name {
            #(#consts)*

            /// Sends `null` for `member` (in a `PATCH`, clears it): whether or not its
            /// field is set, it is written as `null`, until removed from
            /// `additional_properties`.
            #[inline]
            pub fn set_null(&mut self, member: ::graphgen_runtime::Member<Self>) -> &mut Self {
                self.additional_properties.insert(
                    member.name().to_owned(),
                    ::graphgen_runtime::serde_json::Value::Null,
                );
                self
            }
        }
    }
}

fn property_field(
    index: &TypeIndex<'_>,
    owner: TypeId,
    prop: &Property,
    relationship: bool,
    rust_name: &str,
    types: &TokenStream,
    base: &LinkBase,
) -> TokenStream {
    let resolved = index.resolve(&prop.type_expr);
    let ty = index.rust_type(&resolved, types);
    let mut doc = field_doc(&prop.description, &resolved, base);
    if relationship {
        doc.push_str("\n\nA relationship: present when expanded (`$expand`).");
    }
    field_tokens(rust_name, ty, index.is_boxed(owner, &prop.name), &doc)
}

fn any_tokens(index: &TypeIndex<'_>, id: TypeId, gate: &TokenStream) -> TokenStream {
    let def = index.def(id);
    let any = index.any_name(id).expect("polymorphic");
    let doc = docs::paragraphs([
        format!(
            "A `{}` value: the type itself or one of its derived types, told apart by \
             `@odata.type`.",
            def.wire_name
        ),
        "Deserializing dispatches on `@odata.type` (no `@odata.type` means the base type); \
         a type this crate does not know is kept as raw JSON. Build a value with `From` \
         (`.into()`), which also sets `@odata.type` for derived types."
            .to_string(),
    ]);
    poly_enum_tokens(index, any, &index.poly_members(id), Some(id), &doc, gate)
}

/// The enum of a union ("A or B") of types that share no base type. `gate` is its area
/// `cfg` attribute (empty when ungated), put on each of its items.
pub fn union_tokens(
    index: &TypeIndex<'_>,
    members: &[TypeId],
    name: &str,
    gate: &TokenStream,
) -> TokenStream {
    let listed = members
        .iter()
        .map(|m| format!("`{}`", index.def(*m).wire_name))
        .collect::<Vec<_>>()
        .join(" or ");
    let doc = docs::paragraphs([
        format!("One of {listed}, told apart by `@odata.type`."),
        "The docs give these types no common base type. A value without `@odata.type`, \
         or with one not listed, is kept as raw JSON. Build a value with `From` \
         (`.into()`), which also sets `@odata.type`."
            .to_string(),
    ]);
    poly_enum_tokens(index, name, members, None, &doc, gate)
}

/// An enum of types dispatched on `@odata.type`, with `Unknown(Value)` for the rest.
/// `default` is the variant for JSON without `@odata.type` (the base type); without
/// one, such JSON is `Unknown`. `gate` goes on every item. In an `Any…` enum (with a
/// `default`), a derived type's variant, arms and `From` carry that type's area gate
/// when it differs from the base's: with its area off, it decodes as `Unknown`.
fn poly_enum_tokens(
    index: &TypeIndex<'_>,
    name: &str,
    members: &[TypeId],
    default: Option<TypeId>,
    doc: &str,
    gate: &TokenStream,
) -> TokenStream {
    let any = names::ident(name);
    let mut scope = Scope::new(Case::Pascal);
    let variants: Vec<(TypeId, proc_macro2::Ident)> =
        members.iter().map(|m| (*m, names::ident(&scope.unique(index.rust_name(*m))))).collect();
    let unknown = names::ident(&scope.unique("Unknown"));
    // A derived type needed by fewer areas than its base carries its own `cfg`.
    let variant_gate = |m: TypeId| match default {
        Some(base) if index.areas(m) != index.areas(base) => index.gate(m),
        _ => quote!(),
    };

    let doc = docs::doc_attrs(doc);
    let variant_defs = variants.iter().map(|(m, v)| {
        let ty = names::ident(index.rust_name(*m));
        let text = if Some(*m) == default {
            format!(
                "The base type, [`{ty}`](super::{ty}) (`#{}`, or no `@odata.type`).",
                index.def(*m).odata_type
            )
        } else {
            format!("[`{ty}`](super::{ty}) (`#{}`).", index.def(*m).odata_type)
        };
        let doc = docs::doc_attrs(&text);
        let gate = variant_gate(*m);
        quote!(#doc #gate #v(super::#ty),)
    });
    let unknown_doc = docs::doc_attrs("A type this crate does not know, as received.");
    let serialize_arms = variants.iter().map(|(m, v)| {
        let gate = variant_gate(*m);
        quote!(#gate Self::#v(value) => ::graphgen_runtime::serde::Serialize::serialize(value, serializer),)
    });
    let decode_arms = variants.iter().map(|(m, v)| {
        let tag = index.def(*m).odata_type.to_ascii_lowercase();
        let gate = variant_gate(*m);
        if Some(*m) == default {
            quote!(None | Some(#tag) => from_value(value).map(Self::#v),)
        } else {
            quote!(#gate Some(#tag) => from_value(value).map(Self::#v),)
        }
    });
    let from_impls = variants.iter().map(|(m, v)| {
        let ty = names::ident(index.rust_name(*m));
        let item_gate = variant_gate(*m);
        if Some(*m) == default {
            quote! {
                #gate
                impl From<super::#ty> for #any {
                    fn from(value: super::#ty) -> Self {
                        Self::#v(value)
                    }
                }
            }
        } else {
            let tag = format!("#{}", index.def(*m).odata_type);
            quote! {
                #gate
                #item_gate
                impl From<super::#ty> for #any {
                    fn from(mut value: super::#ty) -> Self {
                        value.odata_type.get_or_insert_with(|| #tag.to_string());
                        Self::#v(value)
                    }
                }
            }
        }
    });
    quote! {
        #doc
        #gate
        #[derive(Debug, Clone, PartialEq)]
        pub enum #any {
            #(#variant_defs)*
            #unknown_doc
            #unknown(::graphgen_runtime::serde_json::Value),
        }

        #gate
        impl ::graphgen_runtime::serde::Serialize for #any {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: ::graphgen_runtime::serde::Serializer,
            {
                match self {
                    #(#serialize_arms)*
                    Self::#unknown(value) => ::graphgen_runtime::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        #gate
        impl<'de> ::graphgen_runtime::serde::Deserialize<'de> for #any {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: ::graphgen_runtime::serde::Deserializer<'de>,
            {
                use ::graphgen_runtime::serde::de::Error as _;
                use ::graphgen_runtime::serde_json::{from_value, Value};
                let value = <Value as ::graphgen_runtime::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .map(|tag| tag.trim_start_matches('#').to_ascii_lowercase());
                let decoded = match tag.as_deref() {
                    #(#decode_arms)*
                    _ => Ok(Self::#unknown(value)),
                };
                decoded.map_err(D::Error::custom)
            }
        }

        #(#from_impls)*
    }
}

/// The wire value of `unknownFutureValue`.
const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

fn enum_tokens(
    index: &TypeIndex<'_>,
    id: TypeId,
    members: &[EnumMember],
    gate: &TokenStream,
) -> TokenStream {
    let def = index.def(id);
    let base = link_base(index);
    let name = names::ident(index.rust_name(id));

    let mut scope = Scope::new(Case::Pascal);
    let mut seen = std::collections::BTreeSet::new();
    let mut variants: Vec<(String, proc_macro2::Ident, String)> = Vec::new();
    for member in members {
        if !seen.insert(member.name.clone()) {
            continue;
        }
        let doc = if member.description.trim().is_empty() {
            docs::code(&member.name)
        } else {
            format!("{}: {}", docs::code(&member.name), docs::sanitize(&member.description, &base))
        };
        variants.push((member.name.clone(), names::ident(&scope.name(&member.name)), doc));
    }
    if seen.insert(UNKNOWN_FUTURE_VALUE.to_string()) {
        let doc = "`unknownFutureValue`: Graph's marker for members added after the client \
                   was built (sent to clients that do not opt in to them)."
            .to_string();
        variants.push((
            UNKNOWN_FUTURE_VALUE.into(),
            names::ident(&scope.name(UNKNOWN_FUTURE_VALUE)),
            doc,
        ));
    }
    let other = if scope.is_taken("Other") { "Unlisted" } else { "Other" };
    let other = names::ident(&scope.unique(other));

    let description = if def.page.kind == crate::spec::ResourceKind::Enum
        && !def.page.description.trim().is_empty()
    {
        docs::sanitize(&def.page.description, &base)
    } else {
        format!("The `{}` values.", def.wire_name)
    };
    let doc = docs::doc_attrs(&docs::paragraphs([
        description,
        format!(
            "An open enum: a value the docs do not list is kept in `{other}`, so it \
             survives a round trip."
        ),
        docs::doc_link(&def.page.doc_url),
    ]));
    let variant_defs = variants.iter().map(|(_, v, doc)| {
        let doc = docs::doc_attrs(doc);
        quote!(#doc #v,)
    });
    let other_doc = docs::doc_attrs("A value the docs do not list, as received.");
    let as_str_arms = variants.iter().map(|(wire, v, _)| quote!(Self::#v => #wire,));
    let from_arms = variants.iter().map(|(wire, v, _)| quote!(#wire => Self::#v,));
    quote! {
        #gate
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_defs)*
            #other_doc
            #other(String),
        }

        #gate
        impl #name {
            /// The value as it appears in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#other(value) => value,
                }
            }
        }

        #gate
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_arms)*
                    other => Self::#other(other.to_string()),
                }
            }
        }

        #gate
        impl ::graphgen_runtime::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: ::graphgen_runtime::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        #gate
        impl<'de> ::graphgen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: ::graphgen_runtime::serde::Deserializer<'de>,
            {
                let value = <String as ::graphgen_runtime::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}
