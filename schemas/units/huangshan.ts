import type { UnitNode } from "./unit";

/**
 * 黄山市总工会 and the units addressed by 黄工办〔2022〕20号
 * (“各区县、黄山高新区总工会，黄山风景区工会”): three districts, four counties,
 * the high-tech zone and the scenic area.
 */
export const HUANGSHAN: UnitNode = {
  code: "hs",
  name: "黄山市总工会",
  children: [
    { code: "hs-tunxi", name: "屯溪区总工会" },
    { code: "hs-huangshanqu", name: "黄山区总工会" },
    { code: "hs-huizhou", name: "徽州区总工会" },
    { code: "hs-shexian", name: "歙县总工会" },
    { code: "hs-xiuning", name: "休宁县总工会" },
    { code: "hs-yixian", name: "黟县总工会" },
    { code: "hs-qimen", name: "祁门县总工会" },
    { code: "hs-gaoxin", name: "黄山高新区总工会" },
    { code: "hs-fengjingqu", name: "黄山风景区工会" },
  ],
};
