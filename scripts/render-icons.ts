// Renders app/icon.svg into the PNG and ICO icons (public/, app/apple-icon.png) with Chromium.
// Run after changing the SVG: `npx tsx scripts/render-icons.ts`; commit the results.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium";

const svg = readFileSync("app/icon.svg", "utf8");
const targets: Array<[file: string, size: number]> = [
  ["public/icon-192.png", 192],
  ["public/icon-512.png", 512],
  ["app/apple-icon.png", 180],
];

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage();
async function render(size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">` +
      `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  return page.screenshot({ omitBackground: true });
}
for (const [file, size] of targets) writeFileSync(file, await render(size));
writeFileSync(
  "public/favicon.ico",
  icoOf([await render(16), await render(32), await render(48)], [16, 32, 48]),
);
await browser.close();

/** An ICO file holding PNG images (supported by every current browser). */
function icoOf(pngs: Buffer[], sizes: number[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, i) => {
    const entry = 6 + 16 * i;
    const size = sizes[i] as number;
    header.writeUInt8(size % 256, entry);
    header.writeUInt8(size % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs]);
}
