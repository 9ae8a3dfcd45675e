import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { useCan } from '@/kit/session';
import { ConfigListPage } from '../shared/ConfigListPage';
import { RescorePanel } from './RescorePanel';
import { scorecardsMessages } from './scorecards.messages';

export function ScorecardsPage() {
  const m = useMessages(scorecardsMessages);
  const canEdit = useCan('analysis:configure');
  const navigate = useNavigate();
  const scorecards = useQuery({
    queryKey: ['scorecards'],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/scorecards')),
  });
  return (
    <>
      <ConfigListPage
        words={m}
        query={scorecards}
        link={(card) => (
          <Link to="/conversations/scorecards/$scorecardId" params={{ scorecardId: card.id }}>
            {card.name}
          </Link>
        )}
        onOpen={(card) =>
          void navigate({ to: '/conversations/scorecards/$scorecardId', params: { scorecardId: card.id } })
        }
        create={
          canEdit
            ? { label: m.newScorecard, onClick: () => void navigate({ to: '/conversations/scorecards/new' }) }
            : undefined
        }
      />
      {canEdit ? <RescorePanel /> : null}
    </>
  );
}
