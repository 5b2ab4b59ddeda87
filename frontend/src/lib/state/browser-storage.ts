/** Where the state classes keep what outlives a page: localStorage, or nothing where the browser refuses it. */

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Null in privacy modes and sandboxed frames, where even reading `localStorage` throws. */
export function browserStorage(win: { readonly localStorage: Storage }): KeyValueStorage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}
