/** The name a downloaded form is saved under: `黄浦区总工会-2014年上海工会金秋助学情况统计表.xlsx`. */

/** Characters Windows refuses in a file name, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

function clean(part: string): string {
  return part.replace(UNSAFE, "_").replace(/\s+/g, " ").trim();
}

/**
 * The server's name when it gave a real one (Content-Disposition), else
 * 单位名-表名 from what the page knows, so a clerk finds the file among others.
 */
export function formFileName(serverName: string, unitName: string, title: string, ext = "xlsx"): string {
  const given = clean(serverName);
  if (given.toLowerCase().endsWith(`.${ext}`) && !/^forms?\.(xlsx|zip)$/i.test(given)) return given;
  return `${clean(unitName)}-${clean(title)}.${ext}`;
}
