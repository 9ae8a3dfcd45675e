import { BaseSequencer, type TestSpecification } from 'vitest/node';

/*
 * Test files that take minutes (browser journeys, kill -9 crash tests, graceful shutdowns) start
 * first. Vitest orders files by the durations it cached from earlier runs, and, on a clean
 * checkout such as CI's, by file size: a short file with a long run (the API crash test) then
 * started among the last and ran alone for minutes after everything else had finished, on a
 * machine whose three workers had nothing else to do.
 */
const SLOW = [
  // Alternating browser journeys and process crashes, so the three workers do not all start a browser.
  /\/test\/console\/pages\.int\.test\.ts$/,
  /\/api-crash\.int\.test\.ts$/,
  /\/campaign-run\.int\.test\.ts$/,
  /\/test\/portal\//,
  /\/test\/architecture\/new-module\.int\.test\.ts$/,
  /\/transform-crash\.int\.test\.ts$/,
  /\/test\/console\/(first-run|calls|console)\.int\.test\.ts$/,
  /-crash\.int\.test\.ts$/,
  /\/(shutdown|clean-stop|worker-ops|single-record-requests|transcription|teams|audit-log)\.int\.test\.ts$/,
  /\/test\/console\//,
  /\/test\/commerce\//,
];

const rank = (file: TestSpecification): number => {
  const index = SLOW.findIndex((pattern) => pattern.test(file.moduleId));
  return index === -1 ? SLOW.length : index;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // A stable sort: within a rank (and among the rest) the base order stands.
    return sorted
      .map((file, index) => ({ file, index, rank: rank(file) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ file }) => file);
  }
}
