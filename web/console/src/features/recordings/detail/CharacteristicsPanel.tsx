import { useMessages } from '@/i18n';
import { formatDuration, formatNumber, formatRatio } from '@/kit/format';
import { Panel } from '@/kit/Page';
import type { Characteristics } from '@/api/recordings';
import { recordingDetailMessages } from './detail.messages';

const seconds = (ms: number) => formatDuration(ms / 1000);

/** What the audio says about the conversation: who talked how much, silences, interruptions, overtalk, speed. */
export function CharacteristicsPanel({
  characteristics,
  names,
}: {
  characteristics: Characteristics | null;
  names: ReadonlyMap<string, string>;
}) {
  const m = useMessages(recordingDetailMessages).characteristics;
  if (!characteristics)
    return (
      <Panel title={m.title} labelledBy="recording-characteristics">
        <p className="subtle">{m.none}</p>
      </Panel>
    );
  const c = characteristics;
  const nameOf = (id: string) => names.get(id) ?? id;
  const longest = c.speakers
    .filter((s) => s.longestMonologue)
    .sort((a, b) => (b.longestMonologue?.durationMs ?? 0) - (a.longestMonologue?.durationMs ?? 0))[0];
  return (
    <Panel title={m.title} labelledBy="recording-characteristics">
      <div className="stack stack--sm">
        <div
          className="talk-ratio"
          role="img"
          aria-label={`${m.talkRatio}: ${c.speakers.map((s) => `${nameOf(s.speaker)} ${formatRatio(s.talkRatio)}`).join(', ')}`}
        >
          {c.speakers.map((s, index) => (
            <span
              key={s.speaker}
              className={`talk-ratio__part talk-ratio__part--${index % 4}`}
              style={{ flexGrow: Math.max(s.talkRatio, 0.001) }}
              title={`${nameOf(s.speaker)} ${formatRatio(s.talkRatio)}`}
            />
          ))}
        </div>
        <dl className="recording-figures">
          <div>
            <dt>{m.talkRatio}</dt>
            <dd>
              {c.speakers.map((s) => `${nameOf(s.speaker)} ${formatRatio(s.talkRatio)}`).join(' · ') || '—'}
            </dd>
          </div>
          <div>
            <dt>{m.nonTalk}</dt>
            <dd>
              {seconds(c.nonTalk.totalMs)}{' '}
              <span className="subtle">({m.nonTalkHint(c.nonTalk.periods.length)})</span>
            </dd>
          </div>
          <div>
            <dt>{m.interruptions}</dt>
            <dd>{formatNumber(c.interruptions.length)}</dd>
          </div>
          <div>
            <dt>{m.overtalk}</dt>
            <dd>{seconds(c.overtalk.totalMs)}</dd>
          </div>
          <div>
            <dt>{m.longestMonologue}</dt>
            <dd>
              {longest?.longestMonologue
                ? `${seconds(longest.longestMonologue.durationMs)} · ${nameOf(longest.speaker)}`
                : '—'}
            </dd>
          </div>
        </dl>
        <div className="table-wrap">
          <table className="table recording-speakers">
            <caption className="visually-hidden">{m.bySpeaker}</caption>
            <thead>
              <tr>
                <th scope="col">{m.speaker}</th>
                <th scope="col" className="data-table__cell--end">
                  {m.talkTime}
                </th>
                <th scope="col" className="data-table__cell--end">
                  {m.share}
                </th>
                <th scope="col" className="data-table__cell--end">
                  {m.interruptions}
                </th>
                <th scope="col" className="data-table__cell--end">
                  {m.talkSpeed}
                </th>
                <th scope="col" className="data-table__cell--end">
                  {m.loudness}
                </th>
              </tr>
            </thead>
            <tbody>
              {c.speakers.map((s, index) => {
                const wpm = c.talkSpeedWpm?.[s.speaker];
                const loudness = c.loudness?.[index]?.averageDbfs;
                return (
                  <tr key={s.speaker}>
                    <th scope="row">{nameOf(s.speaker)}</th>
                    <td className="data-table__cell--end">{seconds(s.talkTimeMs)}</td>
                    <td className="data-table__cell--end">{formatRatio(s.talkRatio)}</td>
                    <td className="data-table__cell--end">{formatNumber(s.interruptionsMade)}</td>
                    <td className="data-table__cell--end">
                      {wpm === null || wpm === undefined ? '—' : m.wpm(formatNumber(Math.round(wpm)))}
                    </td>
                    <td className="data-table__cell--end">
                      {loudness === null || loudness === undefined
                        ? '—'
                        : m.dbfs(formatNumber(Math.round(loudness)))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </Panel>
  );
}
