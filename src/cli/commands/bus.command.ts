import type { Command } from 'commander';
import type { Platform } from '../../app/platform.js';
import { withPlatform } from '../cli-context.js';

async function deadLetterCommandsOf(platform: Platform) {
  const { deadLetterCommands } = await import('../../platform/bus/index.js');
  return deadLetterCommands(platform.bus.deadLetters);
}

export function registerBusCommands(program: Command): void {
  const deadLetters = program
    .command('bus')
    .description('The event bus')
    .command('dead-letters')
    .description('Events a consumer group gave up on after its last retry');
  deadLetters
    .command('list')
    .description('List dead letters of every tenant, newest first')
    .option('--group <group>', 'only this consumer group')
    .option('--type <type>', 'only this event type')
    .option('--all', 'include those already replayed or discarded')
    .option('--limit <n>', 'at most this many', '100')
    .action((options: { group?: string; type?: string; all?: boolean; limit: string }) =>
      withPlatform(async (platform) => {
        const rows = await (
          await deadLetterCommandsOf(platform)
        ).list({
          ...(options.group ? { group: options.group } : {}),
          ...(options.type ? { type: options.type } : {}),
          includeReplayed: options.all === true,
          limit: Number(options.limit),
        });
        if (rows.length === 0) console.log('No dead letters.');
        else console.table(rows);
      }),
    );
  deadLetters
    .command('show')
    .description('Print one dead letter: the event and the last error')
    .argument('<id>', 'dlq_... id')
    .action((id: string) =>
      withPlatform(async (platform) => {
        const letter = await (await deadLetterCommandsOf(platform)).show(id);
        if (!letter) {
          console.error(`No dead letter ${id}`);
          process.exitCode = 1;
          return;
        }
        console.log(JSON.stringify(letter, null, 2));
      }),
    );
  deadLetters
    .command('replay')
    .description('Deliver the event again to the group that failed it (a running worker picks it up)')
    .argument('<id>', 'dlq_... id')
    .action((id: string) =>
      withPlatform(async (platform) => {
        const letter = await (await deadLetterCommandsOf(platform)).replay(id);
        if (!letter) {
          console.error(`No dead letter ${id}`);
          process.exitCode = 1;
          return;
        }
        console.log(`Replaying ${id} to ${letter.group}.`);
      }),
    );
  deadLetters
    .command('discard')
    .description(
      'Set a dead letter aside for good, without delivering its event again (it is kept, marked discarded)',
    )
    .argument('<id>', 'dlq_... id')
    .action((id: string) =>
      withPlatform(async (platform) => {
        const letter = await (await deadLetterCommandsOf(platform)).discard(id);
        if (!letter) {
          console.error(`No dead letter ${id}`);
          process.exitCode = 1;
          return;
        }
        console.log(`Discarded ${id} of ${letter.group}.`);
      }),
    );
}
