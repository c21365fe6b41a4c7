import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session.js';
import { smallWorld } from '../helpers/world.js';

/**
 * Every form control of the console has an accessible name of its own, in headless Chromium: a
 * placeholder is a hint that disappears as one types, not a label, so a control named only by
 * its placeholder (or not at all) counts as unlabelled. Names are the ones Chromium computes for
 * assistive technology (its accessibility tree, over the DevTools protocol).
 */
const session = useConsoleSession(smallWorld);

interface NameSource {
  type: string;
  attribute?: string;
  value?: { value?: unknown };
  superseded?: boolean;
}

/** Each visible input, select and textarea whose name is empty or comes from its placeholder. */
async function unlabelled(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'input, select, textarea' });
    const found: string[] = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      const node = nodes[0];
      // Not in the accessibility tree (hidden, such as the file inputs behind their buttons): nothing to name.
      if (!node || node.ignored) continue;
      const name = String(node.name?.value ?? '').trim();
      const sources = (node.name?.sources ?? []) as NameSource[];
      const from = sources.find((source) => source.value?.value !== undefined && String(source.value.value).trim() && !source.superseded);
      if (!name || from?.type === 'placeholder' || from?.attribute === 'placeholder' || from?.attribute === 'aria-placeholder') {
        const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
        found.push(`${page.url().replace(/^https?:\/\/[^/]+/, '')}: ${outerHTML.slice(0, 160)}`);
      }
    }
    return found;
  } finally {
    await cdp.detach();
  }
}

describe('console form labels', () => {
  it('names every form control of every page by more than its placeholder', async () => {
    const { page } = session;
    const found: string[] = [];
    const check = async () => found.push(...(await unlabelled(page)));

    await page.goto(`${session.env.catnap.webuiUrl}/`);
    await page.getByTestId('login-form').waitFor();
    await check();

    await page.goto(`${session.env.catnap.webuiUrl}/chat?token=admin-token`);
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    await page.getByTestId('tab-contacts').click();
    await page.getByTestId('contact-g-30001').click();
    await page.getByTestId('composer-input').waitFor();
    await page.getByTestId('member-panel').waitFor();
    await check();

    // A pending request, so the requests card shows its answer-as picker too.
    await session.env.admin('POST', '/api/world/requests/friend', { user_id: 20003, target_id: 20002 });
    await page.getByTestId('nav-world').click();
    await page.getByTestId('snapshots-card').waitFor();
    await page.getByTestId('requests-card').locator('tbody tr').first().waitFor();
    await page.getByTestId('friends-card').locator('.chip').first().waitFor();
    await check();

    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('timeline-filter').waitFor();
    await check();

    await page.getByTestId('nav-bots').click();
    await page.getByTestId('bot-10001').click();
    await page.getByTestId('adapter-editor').waitFor();
    await page.getByTestId('add-httpServers').click();
    await page.getByTestId('milky-editor').waitFor();
    await page.getByTestId('faults-card').waitFor();
    await check();
    await page.getByTestId('config-json-mode').click();
    await page.getByTestId('config-json').waitFor();
    await check();

    await page.getByTestId('nav-playground').click();
    await page.getByTestId('action-send_group_msg').click();
    await page.getByTestId('param-group_id').waitFor();
    await check();
    await page.getByTestId('params-json-mode').click();
    await page.getByTestId('params-json').waitFor();
    await check();

    await page.getByTestId('nav-load').click();
    await page.waitForURL(/\/load/);
    await check();

    expect(found).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 120000);
});
