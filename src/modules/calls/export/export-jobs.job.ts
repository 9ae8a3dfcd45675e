import type { TimerTrigger, Workflows } from '../../../platform/jobs/index.js';
import type { CallExportJobs } from '../contract.js';
import { exportJobsRoutes } from './export-jobs.routes.js';
import { createExportJobs, type ExportJobInput, type ExportJobsDeps } from './export-jobs.service.js';

/**
 * Background exports wired to the platform: each export is a durable workflow (`calls.export`,
 * one step that writes the file), so a worker that dies mid-way has its run taken over by another,
 * which writes the file again from the start (up to the attempt bound). A timer deletes expired
 * files and starts jobs whose start was lost.
 */
export function createExportJobsFeature(
  deps: Omit<ExportJobsDeps, 'startJob'> & { readonly workflows: Workflows | undefined },
) {
  const { workflows } = deps;
  const workflow = workflows?.define('calls.export', (wf, input: ExportJobInput) =>
    wf.step('write-file', () => jobs.run(input.tenantId, input.exportId)),
  );
  const jobs: CallExportJobs = createExportJobs({
    ...deps,
    startJob:
      workflows && workflow
        ? async (input) => {
            await workflows.start(workflow, input, { id: `calls.export-${input.exportId}` });
          }
        : undefined,
  });
  const timer: TimerTrigger = {
    kind: 'timer',
    name: 'calls.exports-expiry',
    cron: '*/5 * * * *',
    run: async () => {
      await jobs.expire();
    },
  };
  return { jobs, routes: exportJobsRoutes(jobs), timer };
}
