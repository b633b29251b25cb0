import type { UnitNode } from "./unit";

/**
 * 上海市总工会 and the units addressed by 沪工总保〔2014〕156号 (“各区县局（产业）工会”).
 *
 * The 17 区县 are Shanghai's divisions in 2014 (闸北 merged into 静安 only in 2015,
 * 崇明 became a district in 2016), so the tree matches the year of the notice.
 *
 * The notice does not list the 局（产业）工会. The branch below is a representative
 * set of Shanghai's 局/产业工会 of that time, chosen to cover the main sectors
 * (education, health, finance, construction and transport, manufacturing, commerce,
 * agriculture, post and telecom, state-owned enterprises); it is not an official
 * roster and should be replaced by the federation's own list before a real round.
 */
export const SHANGHAI: UnitNode = {
  code: "sh",
  name: "上海市总工会",
  children: [
    { code: "sh-huangpu", name: "黄浦区总工会" },
    { code: "sh-xuhui", name: "徐汇区总工会" },
    { code: "sh-changning", name: "长宁区总工会" },
    { code: "sh-jingan", name: "静安区总工会" },
    { code: "sh-putuo", name: "普陀区总工会" },
    { code: "sh-zhabei", name: "闸北区总工会" },
    { code: "sh-hongkou", name: "虹口区总工会" },
    { code: "sh-yangpu", name: "杨浦区总工会" },
    { code: "sh-minhang", name: "闵行区总工会" },
    { code: "sh-baoshan", name: "宝山区总工会" },
    { code: "sh-jiading", name: "嘉定区总工会" },
    { code: "sh-pudong", name: "浦东新区总工会" },
    { code: "sh-jinshan", name: "金山区总工会" },
    { code: "sh-songjiang", name: "松江区总工会" },
    { code: "sh-qingpu", name: "青浦区总工会" },
    { code: "sh-fengxian", name: "奉贤区总工会" },
    { code: "sh-chongming", name: "崇明县总工会" },
    {
      code: "sh-ju",
      name: "局（产业）工会",
      children: [
        { code: "sh-ju-jianjiao", name: "上海市建设交通工会" },
        { code: "sh-ju-jiaoyu", name: "上海市教育工会" },
        { code: "sh-ju-weisheng", name: "上海市卫生工会" },
        { code: "sh-ju-jinrong", name: "上海市金融工会" },
        { code: "sh-ju-jidian", name: "上海市机电工会" },
        { code: "sh-ju-huagong", name: "上海市化工工会" },
        { code: "sh-ju-fangzhi", name: "上海市纺织工会" },
        { code: "sh-ju-shangye", name: "上海市商业工会" },
        { code: "sh-ju-nonglin", name: "上海市农林水利工会" },
        { code: "sh-ju-youdian", name: "上海市邮电工会" },
        { code: "sh-ju-guozi", name: "上海市国资委工会" },
      ],
    },
  ],
};
