/**
 * A union organisation in a federation's tree (市总工会 → 区县总工会 → …).
 * `code` is stable and URL-safe (it appears in API paths); any depth is allowed.
 */
export interface UnitNode {
  code: string;
  name: string;
  children?: UnitNode[];
}
