import type { Page } from 'playwright-core';

/**
 * Waits for the page's finite animations (a dialog fading in, a toast sliding) to end, so a
 * check of colours (axe's contrast rule) sees what a person sees once it has drawn, not a
 * half-transparent frame. Endless ones (spinners) are not waited for.
 */
export async function animationsFinished(page: Page): Promise<void> {
  await page.evaluate(
    `Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined))).then(() => true)`,
  );
}
