import { expect, test } from './fixtures';

/**
 * With a sandbox environment the header carries the most: the sandbox's address and two buttons
 * beside Variables and the environment picker. Nothing in it may overlap, or spill out of the
 * window, at the widths people use (at 1100 px "Reset…" once sat under "Variables").
 */
test('the header keeps every control whole and apart from 1700 px down to 1000 px', async ({ page, ui }) => {
  await ui.createEnvironment('Try it offline', {}, { region: 'sandbox' });
  const badge = page.getByTestId('sandbox-badge');
  await expect(badge).toContainText(/Sandbox at 127\.0\.0\.1:\d+/);
  for (const width of [1700, 1400, 1280, 1100, 1000]) {
    await page.setViewportSize({ width, height: 800 });
    // The controls a user clicks or reads, in the order they sit.
    const boxes = await page.evaluate(() => {
      const header = document.querySelector('.app-header');
      const items = [...(header?.children ?? [])].flatMap((el) => (el.classList.contains('sandbox-badge') || el.classList.contains('view-switch') ? [...el.children] : [el]));
      return items
        .filter((el) => !el.classList.contains('spacer'))
        .map((el) => ({ name: (el.getAttribute('aria-label') ?? el.textContent ?? el.className).trim().slice(0, 30), ...el.getBoundingClientRect().toJSON() }) as { name: string; left: number; right: number; width: number })
        .filter((b) => b.width > 0);
    });
    const names = boxes.map((b) => b.name);
    expect(names, `${width} px: the sandbox's buttons are there`).toEqual(expect.arrayContaining(['Simulate inbound…', 'Reset…', 'Variables']));
    for (let i = 1; i < boxes.length; i++) {
      const [before, after] = [boxes[i - 1], boxes[i]];
      expect(after?.left ?? 0, `${width} px: "${after?.name}" starts after "${before?.name}" ends`).toBeGreaterThanOrEqual((before?.right ?? 0) - 0.5);
    }
    expect(Math.max(...boxes.map((b) => b.right)), `${width} px: the header ends inside the window`).toBeLessThanOrEqual(width);
    // The address shows whole where there is room, and is on hover (the dot's title) where there is not.
    if (width >= 1400) await expect(badge.locator('.sandbox-address')).toBeVisible();
    await expect(badge.locator('.dot')).toHaveAttribute('title', /Sandbox at http:\/\/127\.0\.0\.1:\d+/);
  }
});
