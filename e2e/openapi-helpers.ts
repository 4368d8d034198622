import { expect, type Page } from "@playwright/test";

/** Monaco is the largest chunk of the console; on a busy machine its first load takes longer than an ordinary assertion waits. */
export const EDITOR_LOAD_TIMEOUT_MS = 45_000;

export const documentEditor = (page: Page) => page.getByTestId("openapi-editor").locator(".monaco-editor").first();

/** Opens a page with the OpenAPI editor and waits until the editor holds text. */
export async function openEditor(page: Page, url: string, expectedText?: string) {
  await page.goto(url);
  const editor = documentEditor(page);
  await expect(editor).toBeVisible({ timeout: EDITOR_LOAD_TIMEOUT_MS });
  if (expectedText) await expect(editor).toContainText(expectedText);
}

/**
 * Replaces the whole editor content by pasting, as a person would. Typing a
 * document key by key is slow, and the editor's auto-indent and auto-closing
 * quotes would change it.
 */
export async function pasteIntoEditor(page: Page, text: string) {
  const editor = documentEditor(page);
  await editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await editor.locator("textarea").evaluate((textarea, content) => {
    const data = new DataTransfer();
    data.setData("text/plain", content);
    textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
