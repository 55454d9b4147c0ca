// Files that editors and systems keep beside the data are not data: vim's swap files
// (.name.swp) and its write test (4913), emacs's backups (name~) and autosaves (#name#), and
// hidden files (.DS_Store). The reader skips them and the watcher does not reload for them, so
// that editing a file with one open never blocks a reload.
import { basename } from 'node:path';

const EDITOR_TEMP = [/^\./, /~$/, /^#.*#$/, /^4913$/, /\.sw[a-p]$/, /\.tmp$/];

export function isIgnoredDataFile(path: string): boolean {
  const name = basename(path);
  return EDITOR_TEMP.some((pattern) => pattern.test(name));
}
