/**
 * A worker process for the payments crash test: the platform (CLI role, no HTTP) on the test's
 * database, one capture through the simulator. With CRASH_AFTER_CAPTURE=1 the simulator's capture
 * path kills this process (SIGKILL) right after the gateway side committed its answer and before
 * our transaction row is settled. Prints `CAPTURED <json>` when the capture returns.
 */
import { createPlatform } from '../../../app/platform.js';
import { loadConfig } from '../../../platform/config/index.js';
import { systemContext } from '../../../platform/context.js';
import { createLogger } from '../../../platform/telemetry/index.js';

const platform = await createPlatform(loadConfig(process.env), {
  role: 'cli',
  logger: createLogger({ level: 'silent' }),
});
const payments = platform.modules.payments;
if (process.env.CRASH_AFTER_CAPTURE === '1')
  payments.simulator.hooks.afterAnswer = (operation, key) => {
    if (operation !== 'capture') return;
    process.stdout.write(`GATEWAY_ANSWERED ${key}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
const ctx = systemContext(process.env.TENANT_ID ?? '', 'crash-capture', 'test');
const payment = await payments.capture(ctx, process.env.PAYMENT_ID ?? '', {
  idempotencyKey: process.env.CAPTURE_KEY ?? '',
  amountMinor: Number(process.env.AMOUNT_MINOR),
});
process.stdout.write(
  `CAPTURED ${JSON.stringify({ status: payment.status, capturedMinor: payment.capturedMinor })}\n`,
);
await platform.close();
process.exit(0);
