import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { useCan } from '@/kit/session';
import { ConfigListPage } from '../shared/ConfigListPage';
import { insightSchemasMessages } from './insight-schemas.messages';

export function InsightSchemasPage() {
  const m = useMessages(insightSchemasMessages);
  const canEdit = useCan('analysis:configure');
  const navigate = useNavigate();
  const schemas = useQuery({
    queryKey: ['insight-schemas'],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/insight-schemas')),
  });
  return (
    <ConfigListPage
      words={m}
      query={schemas}
      link={(schema) => (
        <Link to="/conversations/insight-schemas/$schemaId" params={{ schemaId: schema.id }}>
          {schema.name}
        </Link>
      )}
      onOpen={(schema) =>
        void navigate({ to: '/conversations/insight-schemas/$schemaId', params: { schemaId: schema.id } })
      }
      create={
        canEdit
          ? { label: m.newSchema, onClick: () => void navigate({ to: '/conversations/insight-schemas/new' }) }
          : undefined
      }
    />
  );
}
