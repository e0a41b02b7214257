//! JSON values shaped by the specs: a proptest strategy for any type expression of a
//! version, following the docs' types (primitives, named types through the catalog,
//! base and derived types with their `@odata.type`, collections, unions), plus members
//! the docs do not list.

use graphgen::catalog::{Catalog, TypeDef};
use graphgen::spec::{ApiVersion, Primitive, Property, ResourceKind, ResourcePage, TypeExpr};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// How deep named types nest before only `None` (absent members) is generated.
const MAX_DEPTH: u32 = 3;

/// Builds strategies for the types of one version.
pub struct Shapes<'a> {
    catalog: &'a Catalog<'a>,
    version: ApiVersion,
}

impl<'a> Shapes<'a> {
    /// Strategies over the catalog's types of `version`.
    pub fn new(catalog: &'a Catalog<'a>, version: ApiVersion) -> Self {
        Shapes { catalog, version }
    }

    /// A JSON object with the given members (each present or absent), and perhaps
    /// members the docs do not list.
    pub fn object(&self, members: &[(&str, &TypeExpr)], depth: u32) -> BoxedStrategy<Value> {
        let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = members
            .iter()
            .map(|(name, ty)| {
                let name = name.to_string();
                if depth >= MAX_DEPTH {
                    return Just(None).boxed();
                }
                proptest::option::of(self.value(ty, depth + 1).prop_map(move |v| (name.clone(), v)))
                    .boxed()
            })
            .collect();
        let extra = proptest::collection::vec(("x-[a-z]{1,6}", arbitrary_json()), 0..2);
        (fields, extra)
            .prop_map(|(fields, extra)| {
                let mut map = Map::new();
                for (k, v) in extra {
                    map.insert(k, v);
                }
                for (k, v) in fields.into_iter().flatten() {
                    map.insert(k, v);
                }
                Value::Object(map)
            })
            .boxed()
    }

    /// A value of `ty`.
    pub fn value(&self, ty: &TypeExpr, depth: u32) -> BoxedStrategy<Value> {
        match ty {
            TypeExpr::Primitive { name } => primitive(*name),
            TypeExpr::Collection { item } => {
                proptest::collection::vec(self.value(item, depth), 0..3)
                    .prop_map(Value::Array)
                    .boxed()
            }
            TypeExpr::Union { variants } => {
                let options: Vec<BoxedStrategy<Value>> =
                    variants.iter().map(|v| self.value(v, depth)).collect();
                proptest::strategy::Union::new(options).boxed()
            }
            TypeExpr::Named { name, page } => {
                match self.catalog.resolve(self.version, name, page.as_deref()) {
                    Some(TypeDef::Resource(page)) => self.resource(page, depth),
                    Some(TypeDef::Enum { def, .. }) => {
                        enum_value(def.members.iter().map(|m| m.name.clone()).collect())
                    }
                    None => arbitrary_json(),
                }
            }
            TypeExpr::Unknown { .. } => arbitrary_json(),
        }
    }

    /// A value of a resource type: an enum member, or an object of the type or of one
    /// of the types derived from it (named by `@odata.type`).
    fn resource(&self, page: &'a ResourcePage, depth: u32) -> BoxedStrategy<Value> {
        match page.kind {
            ResourceKind::Enum => enum_value(page.members.iter().map(|m| m.name.clone()).collect()),
            ResourceKind::Entity | ResourceKind::Complex => {
                let mut options = vec![self.struct_of(page, depth, false)];
                for derived in self.all_derived(page) {
                    options.push(self.struct_of(derived, depth, true));
                }
                proptest::strategy::Union::new(options).boxed()
            }
            _ => arbitrary_json(),
        }
    }

    fn all_derived(&self, page: &'a ResourcePage) -> Vec<&'a ResourcePage> {
        let mut out = Vec::new();
        let mut queue = vec![page];
        while let Some(p) = queue.pop() {
            for d in self.catalog.derived(p) {
                if !out.iter().any(|o: &&ResourcePage| o.stem == d.stem) {
                    out.push(*d);
                    queue.push(d);
                }
            }
        }
        out
    }

    /// An object of the type `page` defines, with its base types' members; tagged with
    /// its `@odata.type` when `tagged`.
    fn struct_of(&self, page: &'a ResourcePage, depth: u32, tagged: bool) -> BoxedStrategy<Value> {
        let mut props: Vec<&'a Property> = Vec::new();
        let mut chain = vec![page];
        let mut current = page;
        while let Some(TypeExpr::Named { name, page: link }) = &current.base_type {
            match self.catalog.resolve(self.version, name, link.as_deref()) {
                Some(TypeDef::Resource(base)) if !chain.iter().any(|c| c.stem == base.stem) => {
                    chain.push(base);
                    current = base;
                }
                _ => break,
            }
        }
        for p in &chain {
            for prop in p.properties.iter().chain(&p.relationships) {
                if !props.iter().any(|q| q.name == prop.name) {
                    props.push(prop);
                }
            }
        }
        let members: Vec<(&str, &TypeExpr)> =
            props.iter().map(|p| (p.name.as_str(), &p.type_expr)).collect();
        let tag = tagged.then(|| {
            let t = page.odata_type.clone().unwrap_or_else(|| {
                let ns = page.namespace.as_deref().unwrap_or("microsoft.graph");
                format!("{ns}.{}", page.name)
            });
            format!("#{}", t.trim_start_matches('#'))
        });
        self.object(&members, depth)
            .prop_map(move |mut v| {
                if let (Some(tag), Value::Object(map)) = (&tag, &mut v) {
                    map.insert("@odata.type".into(), Value::String(tag.clone()));
                }
                v
            })
            .boxed()
    }
}

/// A documented member, or any string (open enums keep it).
fn enum_value(members: Vec<String>) -> BoxedStrategy<Value> {
    if members.is_empty() {
        return any::<String>().prop_map(Value::String).boxed();
    }
    prop_oneof![3 => proptest::sample::select(members), 1 => any::<String>()]
        .prop_map(Value::String)
        .boxed()
}

fn primitive(p: Primitive) -> BoxedStrategy<Value> {
    match p {
        Primitive::Boolean => any::<bool>().prop_map(Value::from).boxed(),
        Primitive::Byte => any::<u8>().prop_map(Value::from).boxed(),
        Primitive::SByte => any::<i8>().prop_map(Value::from).boxed(),
        Primitive::Int16 => any::<i16>().prop_map(Value::from).boxed(),
        Primitive::Int32 => any::<i32>().prop_map(Value::from).boxed(),
        Primitive::Int64 => any::<i64>().prop_map(Value::from).boxed(),
        Primitive::Single => finite_f32().prop_map(|f| Value::from(f64::from(f))).boxed(),
        Primitive::Double | Primitive::Decimal => finite_f64().prop_map(Value::from).boxed(),
        Primitive::Stream => {
            proptest::collection::vec(any::<u8>(), 0..4).prop_map(Value::from).boxed()
        }
        Primitive::Json => arbitrary_json(),
        Primitive::String
        | Primitive::DateTimeOffset
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Guid
        | Primitive::Binary => any::<String>().prop_map(Value::String).boxed(),
    }
}

fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        Just(0.1),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
    ]
}

fn finite_f32() -> impl Strategy<Value = f32> {
    any::<f32>().prop_filter("finite", |f| f.is_finite())
}

/// Any JSON value, a few levels deep.
pub fn arbitrary_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite_f64().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(("\\PC{0,8}", inner), 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
    .boxed()
}
