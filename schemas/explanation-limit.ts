/**
 * Characters (code points, after trimming) of one 上报说明: the pane's box, /fill.html and the Worker's
 * save all hold to it. Its own module so that a page can know it without bundling the rule engine.
 */
export const MAX_EXPLANATION_LENGTH = 500;
