// In the desktop app the engine runs on this machine: a file the user picks is read where it is,
// by its path, instead of being uploaded. In a browser there is no path (the file is uploaded).

/** Whether this page can turn a chosen file into a path on the engine's machine. */
export function canPickLocalFiles(): boolean {
  return window.twinbench !== undefined;
}

/** The path of a chosen file on the engine's machine, or null where there is none (a browser, or a file with no path). */
export function localPathOf(file: File): string | null {
  const path = window.twinbench?.pathForFile(file) ?? '';
  return path === '' ? null : path;
}
