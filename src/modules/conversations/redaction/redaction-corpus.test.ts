import { describe, expect, it } from 'vitest';
import { redactTranscript, type RedactionSpan } from './index.js';
import {
  syntheticCleanCall,
  syntheticPaymentCall,
  type SeededEntity,
  type SyntheticCall,
} from './synthetic-calls.js';

const PAYMENT_CALLS = 600;
const CLEAN_CALLS = 300;

/** Every letter and digit of the entity lies inside a redaction span of its segment. */
function covered(entity: SeededEntity, call: SyntheticCall, spans: readonly RedactionSpan[]): boolean {
  return entity.pieces.every((piece) => {
    const text = call.transcript.segments[piece.segmentIndex]?.text ?? '';
    for (let index = piece.start; index < piece.end; index += 1) {
      if (!/[\p{L}\p{N}]/u.test(text[index] ?? '')) continue;
      if (
        !spans.some(
          (span) =>
            span.segmentIndex === piece.segmentIndex && span.charStart <= index && index < span.charEnd,
        )
      )
        return false;
    }
    return true;
  });
}

function typedRight(entity: SeededEntity, spans: readonly RedactionSpan[]): boolean {
  return entity.pieces.every((piece) =>
    spans.some(
      (span) =>
        span.segmentIndex === piece.segmentIndex &&
        span.charStart < piece.end &&
        piece.start < span.charEnd &&
        span.entityType === entity.type,
    ),
  );
}

describe('redaction of a synthetic corpus', () => {
  it(`finds at least 98% of the card data and SSNs seeded in ${PAYMENT_CALLS} calls and reports false redactions in ${CLEAN_CALLS} clean calls`, () => {
    const byType = new Map<string, { seeded: number; found: number; typed: number }>();
    const byPhrasing = new Map<string, { seeded: number; found: number }>();
    const misses: string[] = [];
    let withWordTimes = 0;
    let wordTimed = 0;
    const started = performance.now();
    let words = 0;
    for (let seed = 1; seed <= PAYMENT_CALLS; seed += 1) {
      const call = syntheticPaymentCall(seed, seed % 2 === 0);
      words += call.words;
      const { spans } = redactTranscript(call.transcript);
      for (const entity of call.seeded) {
        const found = covered(entity, call, spans);
        const stats = byType.get(entity.type) ?? { seeded: 0, found: 0, typed: 0 };
        stats.seeded += 1;
        if (found) stats.found += 1;
        if (found && typedRight(entity, spans)) stats.typed += 1;
        byType.set(entity.type, stats);
        const phrasing = `${entity.type} / ${entity.phrasing}`;
        const phrased = byPhrasing.get(phrasing) ?? { seeded: 0, found: 0 };
        phrased.seeded += 1;
        if (found) phrased.found += 1;
        byPhrasing.set(phrasing, phrased);
        if (!found && misses.length < 15) {
          const piece = entity.pieces[0];
          misses.push(
            `seed ${seed} ${phrasing}: "${call.transcript.segments[piece?.segmentIndex ?? 0]?.text ?? ''}"`,
          );
        }
        if (found && seed % 2 === 0) {
          withWordTimes += 1;
          const own = spans.filter((span) =>
            entity.pieces.some(
              (piece) =>
                piece.segmentIndex === span.segmentIndex &&
                span.charStart < piece.end &&
                piece.start < span.charEnd,
            ),
          );
          if (own.every((span) => span.timeFrom === 'words')) wordTimed += 1;
        }
      }
    }

    const falseSpans = new Map<string, number>();
    const falseExamples: string[] = [];
    let cleanWords = 0;
    for (let seed = 1; seed <= CLEAN_CALLS; seed += 1) {
      const call = syntheticCleanCall(100_000 + seed, seed % 2 === 0);
      cleanWords += call.words;
      words += call.words;
      for (const span of redactTranscript(call.transcript).spans) {
        falseSpans.set(span.entityType, (falseSpans.get(span.entityType) ?? 0) + 1);
        if (falseExamples.length < 8) falseExamples.push(`${span.entityType} "${span.text}"`);
      }
    }
    const elapsed = performance.now() - started;

    const total = [...byType.values()].reduce(
      (sum, stats) => ({ seeded: sum.seeded + stats.seeded, found: sum.found + stats.found }),
      { seeded: 0, found: 0 },
    );
    const pci = ['CARD_NUMBER', 'CARD_EXPIRY', 'CARD_CVV'].map(
      (type) => byType.get(type) ?? { seeded: 0, found: 0, typed: 0 },
    );
    const pciRecall =
      pci.reduce((sum, stats) => sum + stats.found, 0) / pci.reduce((sum, stats) => sum + stats.seeded, 0);
    const falseTotal = [...falseSpans.values()].reduce((sum, count) => sum + count, 0);
    const lines = [
      `redaction corpus: ${PAYMENT_CALLS} payment calls + ${CLEAN_CALLS} clean calls, ${words} words, ${elapsed.toFixed(0)} ms`,
      ...[...byType].map(
        ([type, stats]) =>
          `  ${type.padEnd(12)} seeded ${stats.seeded}  found ${stats.found}  recall ${(stats.found / stats.seeded).toFixed(4)}  right type ${(stats.typed / stats.seeded).toFixed(4)}`,
      ),
      `  PCI recall (card, expiry, security code): ${pciRecall.toFixed(4)}; all seeded: ${(total.found / total.seeded).toFixed(4)}`,
      `  found entities timed by their words (calls with word times): ${wordTimed}/${withWordTimes}`,
      ...[...byPhrasing]
        .filter(([, stats]) => stats.found < stats.seeded)
        .map(([phrasing, stats]) => `  weaker phrasing: ${phrasing} ${stats.found}/${stats.seeded}`),
      ...misses.map((miss) => `  missed: ${miss}`),
      `  false redactions on clean talk: ${falseTotal} in ${cleanWords} words (${((falseTotal / cleanWords) * 1000).toFixed(2)} per 1000 words) ${JSON.stringify(Object.fromEntries(falseSpans))}`,
      ...falseExamples.map((example) => `    e.g. ${example}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);

    expect(pciRecall).toBeGreaterThanOrEqual(0.98);
    expect(total.found / total.seeded).toBeGreaterThanOrEqual(0.98);
    expect(wordTimed).toBe(withWordTimes);
  });
});
