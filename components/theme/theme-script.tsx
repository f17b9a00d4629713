import { themeInitScript } from "@/components/theme/theme";

/**
 * Sets the theme class while the HTML is still being parsed, so a dark-mode reader never sees a
 * white flash. It has to be an inline, render-blocking script; its text is a constant built from
 * our own literals, never from data.
 */
export function ThemeScript() {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: constant script text, no user data in it
  return <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />;
}
