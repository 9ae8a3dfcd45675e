/**
 * A subscription names topics: exact event types (`calls.record.ingested.v1`) or a prefix ending
 * in `.*` (`calls.*`: every type of the calls module, at any depth).
 */
const topicPattern = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$/;

export function assertTopic(topic: string): void {
  if (!topicPattern.test(topic) || topic === '*')
    throw new Error(`invalid topic '${topic}': an event type or a prefix ending in .*`);
}

export function isWildcard(topic: string): boolean {
  return topic.endsWith('.*');
}

export function matchesTopic(topic: string, type: string): boolean {
  return isWildcard(topic) ? type.startsWith(topic.slice(0, -1)) : type === topic;
}

export function matchesAny(topics: readonly string[], type: string): boolean {
  return topics.some((topic) => matchesTopic(topic, type));
}

/** The SQL LIKE pattern of a topic (escaping LIKE's own wildcards, which event types may contain). */
export function toLikePattern(topic: string): string {
  const escaped = (isWildcard(topic) ? topic.slice(0, -1) : topic).replace(/[\\%_]/g, (c) => `\\${c}`);
  return isWildcard(topic) ? `${escaped}%` : escaped;
}
