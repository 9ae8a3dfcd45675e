import type { Logger } from '../../../platform/telemetry/index.js';
import type { CallReportSink } from './adapter.js';

/**
 * A stand-in until the post-call sink (dedupe, attempt, lead, opt-out, recording) is wired: it
 * logs what arrived, without the transcript or anything about the person, and applies nothing.
 */
export function loggingCallReportSink(logger: Logger): CallReportSink {
  return {
    apply(ctx, report, via) {
      logger.info(
        {
          tenantId: ctx.tenantId,
          via,
          adapter: report.adapter,
          providerCallId: report.providerCallId,
          attemptId: report.attemptId,
          reportKey: report.reportKey,
          kind: report.kind,
          progress: report.progress,
          outcome: report.outcome,
        },
        'telephony report received (no sink wired yet: not applied)',
      );
      return Promise.resolve({ applied: false });
    },
  };
}
