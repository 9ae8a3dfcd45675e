import { Flag, PenLine } from 'lucide-react';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { formatDateTime } from '@/kit/format';
import { useCan } from '@/kit/session';
import { DisputeDialog } from './DisputeDialog';
import { OverrideRuleDialog } from './OverrideRuleDialog';
import { reviewMessages } from './review.messages';
import type { QaRule } from './review.types';

/**
 * The review slot of one rule on the recording's analysis panel: its override mark (who, when, the
 * machine's judgement), "Override score" for reviewers (qa:review) and "Dispute" for agents and
 * reviewers (qa:dispute). Shows nothing to a reader of an unreviewed rule.
 */
export function RuleReviewActions({ recordingId, rule }: { recordingId: string; rule: QaRule }) {
  const m = useMessages(reviewMessages);
  const canReview = useCan('qa:review');
  const canDispute = useCan('qa:dispute');
  const [overriding, setOverriding] = useState(false);
  const [disputing, setDisputing] = useState(false);
  const mark = rule.override;
  const judged = (score: number | null, pass: boolean | null, status: string) =>
    status === 'pending'
      ? m.pending
      : status === 'not_applicable'
        ? m.notApplicable
        : m.original(String(score ?? '–'), pass ? m.passed : m.failed);

  if (!mark && !canReview && !canDispute) return null;
  return (
    <div className="cluster">
      {mark ? (
        <span className="cluster">
          <Badge tone="info">{m.overridden}</Badge>
          <span className="muted">
            {m.overriddenBy(mark.reviewer, formatDateTime(mark.at))} ·{' '}
            {judged(mark.originalScore, mark.originalPass, mark.originalStatus)}
          </span>
        </span>
      ) : null}
      {canReview ? (
        <Button
          size="sm"
          icon={<PenLine aria-hidden="true" />}
          aria-label={m.overrideLabel(rule.name)}
          onClick={() => setOverriding(true)}
        >
          {m.override}
        </Button>
      ) : null}
      {canDispute ? (
        <Button
          size="sm"
          icon={<Flag aria-hidden="true" />}
          aria-label={m.disputeLabel(rule.name)}
          onClick={() => setDisputing(true)}
        >
          {m.dispute}
        </Button>
      ) : null}
      {overriding ? (
        <OverrideRuleDialog recordingId={recordingId} rule={rule} open onOpenChange={setOverriding} />
      ) : null}
      {disputing ? (
        <DisputeDialog recordingId={recordingId} rule={rule} open onOpenChange={setDisputing} />
      ) : null}
    </div>
  );
}
