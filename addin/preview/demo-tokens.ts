/**
 * The local demo tokens `npm start` seeds (scripts/demo.ts), offered on the
 * preview's sign-in screen. Local-only demo data; a test keeps the two lists equal.
 */
export interface DemoToken {
  token: string;
  label: string;
}

export const PREVIEW_DEMO_TOKENS: readonly DemoToken[] = [
  { token: "hb_demo_filler_huangpu", label: "黄浦区总工会（填报：上海 附件1、附件2）" },
  { token: "hb_demo_filler_jiaoyu", label: "上海市教育工会（填报：上海）" },
  { token: "hb_demo_filler_tunxi", label: "屯溪区总工会（填报：黄山）" },
  { token: "hb_demo_filler_shexian", label: "歙县总工会（填报：黄山）" },
  { token: "hb_demo_reviewer_sh", label: "上海市总工会保障工作部（审核、制作表单）" },
  { token: "hb_demo_reviewer_hs", label: "黄山市总工会权益保障部（审核）" },
  { token: "hb_demo_reviewer_hs_pii", label: "黄山市总工会 资助发放核对（审核，可查看完整个人信息）" },
  { token: "hb_demo_admin", label: "系统管理员" },
];
