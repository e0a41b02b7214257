//! Which struct fields need a `Box` so that the generated types have a finite size.

use super::*;

impl TypeIndex<'_> {
    /// Find the struct fields that need a `Box` so that the types have a finite size:
    /// a non-collection field whose type can contain the struct again (same strongly
    /// connected component of the by-value containment graph).
    pub(super) fn find_boxed(&mut self) {
        // Nodes: i = struct i, n + i = its Any enum, 2n + k = union k.
        let n = self.defs.len();
        let union_ids: Vec<Vec<TypeId>> = self.unions.keys().cloned().collect();
        let mut edges: Vec<Vec<(usize, Option<String>)>> =
            vec![Vec::new(); 2 * n + union_ids.len()];
        let value_node = |index: &TypeIndex<'_>, r: &Resolved| -> Option<usize> {
            match r {
                Resolved::Type(t) if matches!(index.defs[t.0].kind, DefKind::Struct) => {
                    Some(if index.is_polymorphic(*t) { n + t.0 } else { t.0 })
                }
                Resolved::Union(ids) => union_ids.iter().position(|u| u == ids).map(|k| 2 * n + k),
                _ => None,
            }
        };
        for &id in &self.reached {
            if !matches!(self.defs[id.0].kind, DefKind::Struct) {
                continue;
            }
            for (prop, _) in self.fields(id) {
                if let Some(node) = value_node(self, &self.resolve(&prop.type_expr)) {
                    edges[id.0].push((node, Some(prop.name.clone())));
                }
            }
            if self.is_polymorphic(id) {
                for m in self.poly_members(id) {
                    edges[n + id.0].push((m.0, None));
                }
            }
        }
        for (k, ids) in union_ids.iter().enumerate() {
            for id in ids {
                edges[2 * n + k].push((id.0, None));
            }
        }
        let adjacency: Vec<Vec<usize>> =
            edges.iter().map(|e| e.iter().map(|(t, _)| *t).collect()).collect();
        let scc = strongly_connected(&adjacency);
        for (from, list) in edges.iter().enumerate().take(n) {
            for (to, wire) in list {
                if let Some(wire) = wire {
                    if scc[from] == scc[*to] {
                        self.boxed.insert((TypeId(from), wire.clone()));
                    }
                }
            }
        }
    }
}

/// Tarjan's algorithm, iterative: the component number of every node.
fn strongly_connected(adjacency: &[Vec<usize>]) -> Vec<usize> {
    let n = adjacency.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = adjacency[v].get(*child) {
                *child += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone, 2 -> 4
        let adjacency = vec![vec![1], vec![2], vec![0, 4], vec![3], vec![]];
        let c = strongly_connected(&adjacency);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[2], c[4]);
        assert_ne!(c[3], c[0]);
    }
}
