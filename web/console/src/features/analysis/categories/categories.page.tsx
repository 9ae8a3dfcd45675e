import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { useCan } from '@/kit/session';
import { ConfigListPage } from '../shared/ConfigListPage';
import { categoriesMessages } from './categories.messages';

export function CategorySetsPage() {
  const m = useMessages(categoriesMessages);
  const canEdit = useCan('analysis:configure');
  const navigate = useNavigate();
  const sets = useQuery({
    queryKey: ['category-sets'],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/categories')),
  });
  return (
    <ConfigListPage
      words={m}
      query={sets}
      link={(set) => (
        <Link to="/conversations/categories/$setId" params={{ setId: set.id }}>
          {set.name}
        </Link>
      )}
      onOpen={(set) => void navigate({ to: '/conversations/categories/$setId', params: { setId: set.id } })}
      create={
        canEdit
          ? { label: m.newSet, onClick: () => void navigate({ to: '/conversations/categories/new' }) }
          : undefined
      }
    />
  );
}
