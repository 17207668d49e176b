import { expect, test } from './fixtures';

/**
 * With a sandbox environment the header carries the most: the sandbox's address and two buttons
 * beside Variables and the environment picker. Nothing in it may overlap, or spill out of the
 * window, at the widths people use (at 1100 px "Reset…" once sat under "Variables").
 */
test('the header keeps every control whole and apart from 1700 px down to 1000 px, also in a short window', async ({ page, app, ui }) => {
  await ui.createEnvironment('Try it offline', {}, { region: 'sandbox' });
  const badge = page.getByTestId('sandbox-badge');
  await expect(badge).toContainText(/Sandbox at 127\.0\.0\.1:\d+/);
  // As after the guided setup: the listener runs (a dot on Webhooks) and callbacks arrived while away (a count).
  await ui.startListener();
  await page.getByRole('tab', { name: 'Requests' }).click();
  for (let i = 0; i < 12; i++) await app.backend.handlers['webhooks.fireSample']({ trigger: 'MESSAGE_DELIVERY' });
  await expect(page.getByRole('tab', { name: /Webhooks/ }).locator('.count')).toHaveText('12');
  // 1000×700: a laptop window, where the walk found Reset… partly under Variables.
  for (const [width, height] of [
    [1700, 800],
    [1400, 800],
    [1280, 800],
    [1100, 800],
    [1000, 800],
    [1000, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    // The controls a user clicks or reads, in the order they sit.
    const boxes = await page.evaluate(() => {
      const header = document.querySelector('.app-header');
      const items = [...(header?.children ?? [])].flatMap((el) =>
        el.classList.contains('sandbox-badge') || el.classList.contains('view-switch') ? [...el.children] : [el],
      );
      return items
        .filter((el) => !el.classList.contains('spacer'))
        .map(
          (el) =>
            ({ name: (el.getAttribute('aria-label') ?? el.textContent ?? el.className).trim().slice(0, 30), ...el.getBoundingClientRect().toJSON() }) as {
              name: string;
              left: number;
              right: number;
              width: number;
            },
        )
        .filter((b) => b.width > 0);
    });
    const names = boxes.map((b) => b.name);
    expect(names, `${width}×${height}: the sandbox's buttons are there`).toEqual(expect.arrayContaining(['Simulate inbound…', 'Reset…', 'Variables']));
    for (let i = 1; i < boxes.length; i++) {
      const [before, after] = [boxes[i - 1], boxes[i]];
      expect(after?.left ?? 0, `${width}×${height}: "${after?.name}" starts after "${before?.name}" ends`).toBeGreaterThanOrEqual((before?.right ?? 0) - 0.5);
    }
    expect(Math.max(...boxes.map((b) => b.right)), `${width}×${height}: the header ends inside the window`).toBeLessThanOrEqual(width);
    // The address shows whole where there is room, and is on hover (the dot's title) where there is not.
    if (width >= 1400) await expect(badge.locator('.sandbox-address')).toBeVisible();
    await expect(badge.locator('.dot')).toHaveAttribute('title', /Sandbox at http:\/\/127\.0\.0\.1:\d+/);
  }
});
