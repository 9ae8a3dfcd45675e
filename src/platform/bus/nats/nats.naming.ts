import { familyOf } from '../event.envelope.js';
import { isWildcard } from '../topic.pattern.js';

/**
 * Subjects put the partition before the type, `<prefix>.p07.calls.record.ingested.v1`, so one
 * filter subject can select a partition of a whole family (`<prefix>.p07.calls.>`). One stream
 * per topic family (the type's first segment) holds `<prefix>.*.<family>.>`.
 */
export interface NatsNaming {
  readonly prefix: string;
  subject(type: string, partition: number): string;
  stream(family: string): string;
  streamSubjects(family: string): string[];
  durable(group: string, family: string, partition: number): string;
  /** The filter subject of a group's consumer of one family and partition. */
  filter(topicsOfFamily: readonly string[], family: string, partition: number): string;
}

const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * The prefix an installation uses unless SWITCHBOARD_NATS_PREFIX names one: `sb_` and its
 * installation id (see platform/db/installation.ts). A fixed prefix made two installations on one
 * NATS server share streams and durable consumers, each taking and acknowledging events meant for
 * the other.
 */
export function defaultNatsPrefix(installationId: string): string {
  return `sb_${installationId}`;
}

export function createNatsNaming(prefix: string): NatsNaming {
  if (!/^[a-z][a-z0-9_-]*$/.test(prefix)) throw new Error(`invalid NATS subject prefix '${prefix}'`);
  const p = (partition: number) => `p${String(partition).padStart(2, '0')}`;
  return {
    prefix,
    subject: (type, partition) => `${prefix}.${p(partition)}.${type}`,
    stream: (family) => safe(`${prefix}_${family}`).toUpperCase(),
    streamSubjects: (family) => [`${prefix}.*.${family}.>`],
    durable: (group, family, partition) => safe(`${group}_${family}_${p(partition)}`),
    filter(topicsOfFamily, family, partition) {
      const [only] = topicsOfFamily;
      if (topicsOfFamily.length === 1 && only !== undefined) {
        // A single topic filters on the server; several share one family-wide consumer (JetStream
        // 2.9 allows one filter per consumer) so their relative order per key is kept.
        return isWildcard(only)
          ? `${prefix}.${p(partition)}.${only.slice(0, -2)}.>`
          : `${prefix}.${p(partition)}.${only}`;
      }
      return `${prefix}.${p(partition)}.${family}.>`;
    },
  };
}

/** Groups a subscription's topics by family. */
export function topicsByFamily(topics: readonly string[]): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const topic of topics) {
    const family = familyOf(topic);
    families.set(family, [...(families.get(family) ?? []), topic]);
  }
  return families;
}
