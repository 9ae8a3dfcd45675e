import { useQuery } from '@tanstack/react-query';
import { Terminal } from 'lucide-react';
import { CommandLine } from '@/kit/CopyButton';
import { useMessages } from '@/i18n';
import { authMessages } from './auth.messages';

/** GET /console/setup.json: whether nobody can sign in yet (served beside the console, not part of the API). */
async function setupState(): Promise<{ firstRun: boolean }> {
  const response = await fetch('/console/setup.json', { headers: { accept: 'application/json' } });
  if (!response.ok) return { firstRun: false };
  return (await response.json()) as { firstRun: boolean };
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** On a new installation, the sign-in page says how to create the first organisation and owner. */
export function FirstRunHint() {
  const m = useMessages(authMessages).firstRun;
  const setup = useQuery({
    queryKey: ['console', 'setup'],
    queryFn: setupState,
    staleTime: 30_000,
    retry: false,
  });
  if (!setup.data?.firstRun) return null;
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <div className="first-run__head">
        <span className="first-run__icon" aria-hidden="true">
          <Terminal />
        </span>
        <div>
          <h2 id="first-run-title">{m.title}</h2>
          <p className="subtle">{m.lead}</p>
        </div>
      </div>
      <ol className="first-run__steps">
        <li>
          <CommandLine
            command={`./bin/switchboard.js tenants create --name "Acme Support" --slug acme --time-zone ${browserTimeZone()}`}
          />
        </li>
        <li>
          <CommandLine command="./bin/switchboard.js users create --tenant acme --email you@example.com --role owner" />
          <p className="subtle">{m.password}</p>
        </li>
      </ol>
    </section>
  );
}
