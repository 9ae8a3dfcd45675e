import { useInfiniteQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { SelectField } from '@/kit/Field';
import { formatDate, formatDateTime } from '@/kit/format';
import { Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { labelIn } from '@/kit/labels';
import { customerKeys, customersApi } from '../customers.api';
import { customersMessages } from '../customers.messages';
import { entriesOf, groupByDay, moduleErrors } from './timeline';

const pageSize = 100;

/**
 * The 360° timeline: every participant's `find` for this customer, one group per day, filtered by
 * module; each entry links to its console page. A module that failed to answer is shown as such,
 * the rest of the timeline still is.
 */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const m = useMessages(customersMessages);
  const t = m.timeline;
  const router = useRouter();
  const [module, setModule] = useState('');
  const timeline = useInfiniteQuery({
    queryKey: customerKeys.timeline(customerId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      customersApi.timeline(
        customerId,
        { limit: pageSize, ...(pageParam ? { before: pageParam } : {}) },
        signal,
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
  const pages = useMemo(() => timeline.data?.pages ?? [], [timeline.data]);
  const entries = useMemo(() => entriesOf(pages), [pages]);
  const errors = useMemo(() => moduleErrors(pages), [pages]);
  const modules = useMemo(
    () => [...new Set([...entries.map((e) => e.module), ...errors.map((e) => e.module)])].sort(),
    [entries, errors],
  );
  const shown = module ? entries.filter((e) => e.module === module) : entries;
  const days = groupByDay(shown);
  const label = (name: string) => labelIn(t.modules, name) ?? name;

  return (
    <Panel
      title={t.title}
      description={t.description}
      labelledBy="customer-timeline"
      actions={
        modules.length > 1 ? (
          <SelectField label={t.module} value={module} onChange={(e) => setModule(e.target.value)}>
            <option value="">{t.allModules}</option>
            {modules.map((name) => (
              <option key={name} value={name}>
                {label(name)}
              </option>
            ))}
          </SelectField>
        ) : undefined
      }
    >
      {timeline.isPending ? (
        <LoadingBlock label={t.loading} />
      ) : timeline.isError ? (
        <ErrorState title={t.failed} error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : (
        <div className="stack stack--sm">
          {errors
            .filter((e) => !module || e.module === module)
            .map((e) => (
              <Alert key={e.module} tone="warning" title={t.moduleFailed(label(e.module))}>
                {e.message}
              </Alert>
            ))}
          {days.length === 0 ? (
            <p className="subtle">{module ? t.emptyModule : t.empty}</p>
          ) : (
            <div>
              {days.map((day) => (
                <section
                  key={day.day || 'undated'}
                  aria-label={day.day ? formatDate(`${day.day}T12:00:00`) : t.noDate}
                >
                  <h3 className="customers-timeline__day">
                    {day.day ? formatDate(`${day.day}T12:00:00`) : t.noDate}
                  </h3>
                  <ol className="customers-list">
                    {day.items.map((item) => (
                      <li key={`${item.module}-${item.id}`} className="customers-timeline__entry">
                        <Badge tone="info">{label(item.module)}</Badge>
                        {item.at ? (
                          <time dateTime={item.at} className="subtle nowrap">
                            {formatDateTime(item.at)}
                          </time>
                        ) : null}
                        <span className="customers-timeline__summary">{item.summary}</span>
                        {item.consolePath ? (
                          <a
                            href={item.consolePath}
                            aria-label={t.openLabel(item.summary)}
                            onClick={(event) => {
                              // In the console, without reloading it; a new tab still opens with the href.
                              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0)
                                return;
                              event.preventDefault();
                              void router.navigate({ href: item.consolePath ?? '/' });
                            }}
                          >
                            {t.open}
                          </a>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </section>
              ))}
            </div>
          )}
          {timeline.hasNextPage ? (
            <div>
              <Button busy={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
                {t.older}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </Panel>
  );
}
