import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Where on the target the pointer is released: its upper quarter, middle or lower quarter. */
const HEIGHT: Record<'before' | 'into' | 'after', number> = { before: 0.25, into: 0.5, after: 0.75 };

/**
 * Drags one row onto another with the mouse, as a user does: press on the source, move in steps (the first few
 * pixels turn the press into a drag), and release on the target once it shows where the drop lands
 * (`drop-before`, `drop-into` or `drop-after`). The app reorders with pointer events, not the OS's drag session, so
 * this is the same input a user's mouse gives, and two windows dragging at once under one X display do not meet.
 */
export async function dragWithMouse(page: Page, source: Locator, target: Locator, place: 'before' | 'into' | 'after'): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error('The row to drag is not on the page.');
  await page.mouse.move(from.x + Math.min(24, from.width / 2), from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + Math.min(24, from.width / 2) + 8, from.y + from.height / 2 + 4, { steps: 3 });
  const to = await target.boundingBox();
  if (!to) {
    await page.keyboard.press('Escape');
    await page.mouse.up();
    throw new Error('The row to drop on is not on the page.');
  }
  await page.mouse.move(to.x + Math.min(24, to.width / 2), to.y + to.height * HEIGHT[place], { steps: 8 });
  await expect(target).toHaveClass(new RegExp(`\\bdrop-${place}\\b`));
  await page.mouse.up();
}
