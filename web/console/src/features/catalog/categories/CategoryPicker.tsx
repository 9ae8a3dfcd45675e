import { useQuery } from '@tanstack/react-query';
import { SelectField } from '@/kit/Field';
import { catalogKeys, listCategories } from '../catalog.api';
import { buildTree, flatten, pathLabel } from './tree';

export function useCategories() {
  return useQuery({ queryKey: catalogKeys.categories, queryFn: listCategories });
}

/**
 * Picks a category from the tree: the options in tree order, each named by its full path
 * ("Clothing › Shirts"), so a screen reader and the keyboard's type-ahead both find it.
 */
export function CategoryPicker({
  label,
  emptyLabel,
  value,
  onChange,
  error,
  exclude,
}: {
  readonly label: string;
  readonly emptyLabel: string;
  readonly value: string;
  readonly onChange: (categoryId: string) => void;
  readonly error?: string | undefined;
  /** Ids not offered (a category cannot move under itself). */
  readonly exclude?: ReadonlySet<string>;
}) {
  const categories = useCategories();
  const nodes = flatten(buildTree(categories.data?.items ?? []));
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">{emptyLabel}</option>
      {nodes
        .filter((node) => !exclude?.has(node.category.id))
        .map((node) => (
          <option key={node.category.id} value={node.category.id}>
            {pathLabel(node.category)}
          </option>
        ))}
      {value && !nodes.some((node) => node.category.id === value) ? (
        <option value={value}>{value}</option>
      ) : null}
    </SelectField>
  );
}
