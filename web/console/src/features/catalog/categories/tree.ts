import type { Category } from '../catalog.api';

export interface CategoryNode {
  readonly category: Category;
  readonly depth: number;
  readonly children: readonly CategoryNode[];
}

const byName = (a: Category, b: Category) => a.name.localeCompare(b.name);

/** The flat list as a tree (roots: no parent, or a parent not in the list), children by name. */
export function buildTree(categories: readonly Category[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const childrenOf = new Map<string | null, Category[]>();
  for (const category of categories) {
    const parent = category.parentId && ids.has(category.parentId) ? category.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), category]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): CategoryNode[] =>
    [...(childrenOf.get(parent) ?? [])].sort(byName).flatMap((category) => {
      if (seen.has(category.id)) return [];
      seen.add(category.id);
      return [{ category, depth, children: build(category.id, depth + 1) }];
    });
  return build(null, 0);
}

/** The tree in reading order (each category before its children). */
export function flatten(nodes: readonly CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** A category and everything under it: where it cannot be moved to. */
export function subtreeIds(categories: readonly Category[], id: string): Set<string> {
  const found = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of categories)
      if (c.parentId && found.has(c.parentId) && !found.has(c.id)) {
        found.add(c.id);
        grew = true;
      }
  }
  return found;
}

/** "Clothing › Shirts" */
export const pathLabel = (category: Category) =>
  (category.path.length ? category.path : [category.name]).join(' › ');
