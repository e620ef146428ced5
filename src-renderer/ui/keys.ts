/** A keydown handler that runs `action` on Ctrl+Enter (Cmd+Enter on macOS), as consoles do. */
export function onCtrlEnter(action: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      action();
    }
  };
}
