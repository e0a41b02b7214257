//! API areas: one cargo feature per area of the API (`users`, `groups`, `mail`,
//! `calendar`, `teams`, `calls`, `intune`, ...), derived from the URL tree.
//!
//! **The rule.** A page's area comes from the path of its first live operation (its
//! first operation when all are deprecated):
//!
//! 1. Owner prefixes are looked through: `/me`, `/users/{id}` and `/groups/{id}` own
//!    mailboxes, calendars, drives and so on. When the segment after the owner is in
//!    [`OWNED`] (`/me/messages`, `/users/{id}/calendar/events`), that table names the
//!    area; otherwise the owner's own area is used (`users` for `/me` and `/users`,
//!    `groups` for `/groups`).
//! 2. Otherwise the first segment decides: [`TOP_LEVEL`] maps the top-level resources
//!    that belong together (`/communications` → `calls`, `/deviceManagement` and
//!    `/deviceAppManagement` → `intune`, `/teams`, `/chats` and `/teamwork` → `teams`);
//!    any other first segment is an area of its own, named by the segment in snake
//!    case (`/print` → `print`, `/bookingBusinesses` → `booking_businesses`).
//!
//! Segments compare case-insensitively, without a `microsoft.graph.` prefix. A page with
//! no operation has no area (it is skipped, see [`super::SkippedPage`]).
//!
//! **Gating.** Every action is compiled when its page's area feature is on. A path node
//! (struct and accessor) is compiled when any area of the actions under it is on. A
//! type (its struct or enum and their impls) is compiled when any area whose actions
//! reach it is on (reachability as in [`super::index`]), each type with its own `cfg`,
//! so that a page defining many types (the enums page) costs an area only the types it
//! uses; its file (`types/<page>.rs`) when any of its types is. A union enum is
//! compiled when the areas of all its members are on; a variant of an `Any…` enum when
//! its type is. Items every area needs get no `cfg` at all, so an output
//! with a single area (the calls-area crate `generated/`) has no area gating.
//!
//! Gating is opt-in ([`super::EmitOptions::area_features`], `graphgen generate
//! --area-features`): the crate must declare the features ([`super::manifest`]).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::index::{TypeId, TypeIndex};
use super::nav::NavTree;
use crate::spec::{ApiPage, Operation, PathSegment};

/// An area name: a cargo feature name (`calls`, `booking_businesses`).
pub type Area = String;

/// Areas of owned resources (after `/me`, `/users/{id}`, `/groups/{id}`), by segment
/// (lower case).
pub const OWNED: &[(&str, &str)] = &[
    // Outlook mail and personal contacts.
    ("messages", "mail"),
    ("mailfolders", "mail"),
    ("sendmail", "mail"),
    ("inferenceclassification", "mail"),
    ("mailboxsettings", "mail"),
    ("getmailtips", "mail"),
    ("outlook", "mail"),
    ("contacts", "mail"),
    ("contactfolders", "mail"),
    // Calendar.
    ("events", "calendar"),
    ("calendar", "calendar"),
    ("calendars", "calendar"),
    ("calendargroups", "calendar"),
    ("calendarview", "calendar"),
    ("findmeetingtimes", "calendar"),
    ("reminderview", "calendar"),
    ("getschedule", "calendar"),
    // Files.
    ("drive", "files"),
    ("drives", "files"),
    ("followedsites", "sites"),
    ("sites", "sites"),
    ("onenote", "onenote"),
    ("planner", "planner"),
    ("todo", "todo"),
    // Teams and communications.
    ("joinedteams", "teams"),
    ("team", "teams"),
    ("teamwork", "teams"),
    ("chats", "teams"),
    ("onlinemeetings", "calls"),
    ("presence", "calls"),
    // Intune.
    ("manageddevices", "intune"),
    ("mobileappintentandstates", "intune"),
    ("mobileapptroubleshootingevents", "intune"),
    ("devicemanagementtroubleshootingevents", "intune"),
    ("managedappregistrations", "intune"),
    ("manageddevicesfrommanagement", "intune"),
    ("removealldevicesfrommanagement", "intune"),
    ("getmanagedappdiagnosticstatuses", "intune"),
    ("getmanagedapppolicies", "intune"),
    ("getmanageddeviceswithappfailures", "intune"),
    ("wipemanagedappregistrationsbydevicetag", "intune"),
];

/// Areas of top-level resources that belong together, by first segment (lower case).
pub const TOP_LEVEL: &[(&str, &str)] = &[
    ("communications", "calls"),
    ("app", "calls"),
    ("devicemanagement", "intune"),
    ("deviceappmanagement", "intune"),
    ("teams", "teams"),
    ("chats", "teams"),
    ("teamwork", "teams"),
    ("appcatalogs", "teams"),
    ("me", "users"),
    ("users", "users"),
    ("groups", "groups"),
    ("grouplifecyclepolicies", "groups"),
    ("groupsettings", "groups"),
    ("groupsettingtemplates", "groups"),
    ("drive", "files"),
    ("drives", "files"),
    ("shares", "files"),
    ("sites", "sites"),
    ("termstore", "sites"),
    ("contacts", "directory"),
    ("contracts", "directory"),
    ("directory", "directory"),
    ("directoryobjects", "directory"),
    ("directoryroles", "directory"),
    ("directoryroletemplates", "directory"),
    ("directorysettingtemplates", "directory"),
    ("domains", "directory"),
    ("organization", "directory"),
    ("subscribedskus", "directory"),
    ("administrativeunits", "directory"),
    ("oauth2permissiongrants", "directory"),
    ("schemaextensions", "directory"),
    ("settings", "directory"),
    ("devices", "directory"),
    ("invitations", "directory"),
    ("applications", "applications"),
    ("applicationtemplates", "applications"),
    ("serviceprincipals", "applications"),
    ("onpremisespublishingprofiles", "applications"),
    ("identity", "identity"),
    ("identitygovernance", "identity"),
    ("identityprotection", "identity"),
    ("identityproviders", "identity"),
    ("policies", "identity"),
    ("trustframework", "identity"),
    ("rolemanagement", "identity"),
    ("accessreviews", "identity"),
    ("businessflowtemplates", "identity"),
    ("programs", "identity"),
    ("programcontrols", "identity"),
    ("programcontroltypes", "identity"),
    ("agreements", "identity"),
    ("privilegedaccess", "identity"),
    ("privilegedapproval", "identity"),
    ("privilegedoperationevents", "identity"),
    ("privilegedroles", "identity"),
    ("privilegedroleassignments", "identity"),
    ("privilegedroleassignmentrequests", "identity"),
    ("riskyusers", "identity"),
    ("riskdetections", "identity"),
    ("identityriskevents", "identity"),
    ("anonymousipriskevents", "identity"),
    ("impossibletravelriskevents", "identity"),
    ("leakedcredentialsriskevents", "identity"),
    ("malwareriskevents", "identity"),
    ("suspiciousipriskevents", "identity"),
    ("unfamiliarlocationriskevents", "identity"),
    ("locatedriskevents", "identity"),
    ("auditlogs", "reports"),
    ("reports", "reports"),
    ("security", "security"),
    ("informationprotection", "security"),
    ("datapolicyoperations", "security"),
    ("bookingbusinesses", "bookings"),
    ("bookingcurrencies", "bookings"),
    ("external", "search"),
    ("connections", "search"),
    ("search", "search"),
    ("pfxusercertificates", "intune"),
    ("onpremencryptedpayloads", "intune"),
    ("pfxrecryptionrequests", "intune"),
];

fn lookup(table: &[(&str, &'static str)], segment: &str) -> Option<&'static str> {
    table.iter().find(|(s, _)| s.eq_ignore_ascii_case(segment)).map(|(_, a)| *a)
}

fn literal(segment: &PathSegment) -> Option<&str> {
    match segment {
        PathSegment::Literal { text } => {
            Some(text.strip_prefix("microsoft.graph.").unwrap_or(text.as_str()))
        }
        _ => None,
    }
}

/// The operation that decides a page's area: the first live one, else the first.
fn deciding_operation(page: &ApiPage) -> Option<&Operation> {
    page.operations.iter().find(|o| !o.deprecated).or_else(|| page.operations.first())
}

/// The area of an operation path (see the module docs).
pub fn area_of_path(segments: &[PathSegment]) -> Area {
    let first = segments.first().and_then(literal).unwrap_or("");
    let owner_len = match first.to_ascii_lowercase().as_str() {
        "me" => Some(1),
        "users" | "groups" if matches!(segments.get(1), Some(PathSegment::Param { .. })) => Some(2),
        _ => None,
    };
    if let Some(owned) =
        owner_len.and_then(|n| segments.get(n)).and_then(literal).and_then(|s| lookup(OWNED, s))
    {
        return owned.to_string();
    }
    match lookup(TOP_LEVEL, first) {
        Some(area) => area.to_string(),
        None if first.is_empty() => "root".to_string(),
        None => super::names::snake(first),
    }
}

/// The area of an API page; `None` when it has no operation.
pub fn area_of(page: &ApiPage) -> Option<Area> {
    deciding_operation(page).map(|op| area_of_path(&op.segments))
}

/// The `cfg` attributes for area sets, relative to every area of the output.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    all: BTreeSet<Area>,
}

impl Gates {
    /// Gates for an output with these areas.
    pub fn new(all: BTreeSet<Area>) -> Gates {
        Gates { all }
    }

    /// Every area, sorted.
    pub fn all(&self) -> &BTreeSet<Area> {
        &self.all
    }

    /// Whether items may be gated at all (more than one area).
    pub fn active(&self) -> bool {
        self.all.len() > 1
    }

    /// `#[cfg(any(feature = "a", ...))]` for an item needed by `areas`; nothing when
    /// every area needs it.
    pub fn cfg(&self, areas: &BTreeSet<Area>) -> TokenStream {
        if !self.active() || self.all.iter().all(|a| areas.contains(a)) {
            return quote!();
        }
        let features = areas.iter().map(|a| quote!(feature = #a));
        quote!(#[cfg(any(#(#features),*))])
    }
}

/// The areas of every reached type: the areas whose actions reach it. Each type's items
/// carry its own `cfg`, and its file is compiled when any of its types is
/// (`TypeIndex::file_areas`). Types of `root_resources` (resource specs selected by `--only`) are
/// reached by every area.
pub(crate) fn type_areas(
    index: &TypeIndex<'_>,
    pages: &[(&ApiPage, Area)],
    root_resources: &[&str],
    all: &BTreeSet<Area>,
) -> BTreeMap<TypeId, BTreeSet<Area>> {
    let reached: Vec<TypeId> = index.reached().collect();
    // Edges once: what each type reaches.
    let edges: BTreeMap<TypeId, Vec<TypeId>> =
        reached.iter().map(|id| (*id, index.edges(*id))).collect();
    let common: Vec<TypeId> = reached
        .iter()
        .copied()
        .filter(|id| root_resources.contains(&index.def(*id).spec_path))
        .collect();
    let mut out: BTreeMap<TypeId, BTreeSet<Area>> = BTreeMap::new();
    for area in all {
        let mut queue: Vec<TypeId> = common.clone();
        for (page, page_area) in pages {
            if page_area == area {
                queue.extend(index.page_targets(page));
            }
        }
        let mut seen = BTreeSet::new();
        while let Some(id) = queue.pop() {
            let Some(next) = edges.get(&id) else { continue };
            if !seen.insert(id) {
                continue;
            }
            out.entry(id).or_default().insert(area.clone());
            queue.extend(next.iter().copied());
        }
    }
    out
}

/// The areas of each emitted path node: those of the operations under it.
pub(crate) fn node_areas(tree: &NavTree<'_>) -> Vec<BTreeSet<Area>> {
    let mut out = vec![BTreeSet::new(); tree.nodes.len()];
    for op in &tree.ops {
        let Some(area) = area_of(op.page) else { continue };
        let mut node = Some(op.node);
        while let Some(n) = node {
            out[n].insert(area.clone());
            node = tree.nodes[n].parent;
        }
    }
    out
}
