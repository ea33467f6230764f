/**
 * Opens a native `<dialog>` as a modal and, when it closes (button, Escape or form), gives focus back through
 * `returnFocus` — usually the table row the dialog was opened from.
 */
export function showModal(dialog: HTMLDialogElement | null | undefined, returnFocus: () => void): void {
  if (!dialog) return;
  dialog.addEventListener('close', () => returnFocus(), { once: true });
  if (!dialog.open) dialog.showModal();
}
