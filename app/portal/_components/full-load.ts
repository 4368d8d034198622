/**
 * Navigates with a full page load. Used when the portal's session starts or
 * ends: the client router's cache still holds what the server answered
 * under the old session (the redirects to sign-in), and the layout must be
 * rendered again for the new one.
 */
export function fullLoad(path: string): void {
  window.location.assign(path);
}
