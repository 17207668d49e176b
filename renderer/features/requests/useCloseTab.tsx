import { useCallback, useRef, type ReactNode } from 'react';
import { displayText } from '../../../shared/displayText';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { isDirty } from './requestSlice';

/**
 * Closing a request tab, the one way for ×, middle-click, Delete and Ctrl/Cmd+W: a tab with unsaved changes
 * asks first, in the app's own dialog. Render the returned dialog; call the function with a tab's id.
 */
export function useCloseTab(): [ReactNode, (id: string) => Promise<void>] {
  const [dialog, ask] = useConfirm();
  // One question at a time: a second Ctrl+W while it is asked must not stack another.
  const asking = useRef(false);
  const close = useCallback(
    async (id: string): Promise<void> => {
      if (asking.current) return;
      const { tabs, closeTab } = useStore.getState();
      const tab = tabs.find((t) => t.id === id);
      if (!tab) return;
      if (isDirty(tab)) {
        asking.current = true;
        try {
          const choice = await ask({
            title: 'Unsaved changes',
            message: (
              <p>
                “{displayText(tab.request.name)}” has unsaved changes. Close it and lose them?
                {tab.origin.kind === 'builtin' || tab.origin.kind === 'history' ? ' (Ctrl+S keeps a copy in one of your collections.)' : ''}
              </p>
            ),
            choices: [{ value: 'discard', label: 'Close without saving', kind: 'danger' }],
          });
          if (choice !== 'discard') return;
        } finally {
          asking.current = false;
        }
      }
      closeTab(id);
    },
    [ask],
  );
  return [dialog, close];
}
