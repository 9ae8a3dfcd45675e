import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { SelectField, TextField } from '@/kit/Field';
import { usageMessages } from './usage.messages';
import { isDay, periodPresets, presetPeriod, type Period, type PeriodPreset } from './usage.search';

type Choice = PeriodPreset | 'custom';

function presetOf(period: Period, now: Date): Choice {
  return (
    periodPresets.find((preset) => {
      const p = presetPeriod(preset, now);
      return p.from === period.from && p.to === period.to;
    }) ?? 'custom'
  );
}

/**
 * A preset or two days. A preset applies at once; custom days apply with the button, after the
 * page's own check (real dates, the end not before the start); the server's refusal of a period
 * (too long) arrives as `errors` and shows on its field.
 */
export function PeriodPicker({
  period,
  onApply,
  errors,
  now = new Date(),
}: {
  period: Period;
  onApply: (period: Period) => void;
  errors: { from?: string | undefined; to?: string | undefined };
  now?: Date;
}) {
  const m = useMessages(usageMessages);
  const [choice, setChoice] = useState<Choice>(() => presetOf(period, now));
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [own, setOwn] = useState<{ from?: string; to?: string }>({});

  const pick = (value: Choice) => {
    setChoice(value);
    if (value === 'custom') return;
    const next = presetPeriod(value, now);
    setFrom(next.from);
    setTo(next.to);
    setOwn({});
    onApply(next);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = {
      ...(isDay(from) ? {} : { from: m.dayInvalid }),
      ...(isDay(to) ? {} : { to: m.dayInvalid }),
    };
    if (!problems.from && !problems.to && to < from) Object.assign(problems, { to: m.toBeforeFrom });
    setOwn(problems);
    if (!problems.from && !problems.to) onApply({ from, to });
  };

  return (
    <form className="usage-period" onSubmit={submit} noValidate aria-label={m.period}>
      <SelectField label={m.preset} value={choice} onChange={(e) => pick(e.target.value as Choice)}>
        {[...periodPresets, 'custom' as const].map((value) => (
          <option key={value} value={value}>
            {m.presets[value]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={m.from}
        type="date"
        value={from}
        onChange={(e) => {
          setFrom(e.target.value);
          setChoice('custom');
          setOwn((current) => ({ ...current, from: undefined }));
        }}
        error={own.from ?? errors.from}
      />
      <TextField
        label={m.to}
        type="date"
        value={to}
        onChange={(e) => {
          setTo(e.target.value);
          setChoice('custom');
          setOwn((current) => ({ ...current, to: undefined }));
        }}
        error={own.to ?? errors.to}
      />
      <Button type="submit">{m.apply}</Button>
    </form>
  );
}
