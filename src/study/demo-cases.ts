/**
 * Demo cases (案例汇编) seeded with the demo data. They are written to show how a case is tied to the articles it
 * applies, are marked 示例 in their titles and texts, and describe no real person or event.
 */
export interface DemoCase {
  title: string;
  curriculum: string;
  body: string;
  articles: { regulation: string; article: number }[];
}

const NOTE = '【示例】本案例为演示平台功能而编写的说明性材料，人物与情节均为虚构，不代表任何真实案件。';

export const DEMO_CASES: DemoCase[] = [
  {
    title: '示例：退役军人优待证的发放',
    curriculum: 'common',
    body: `${NOTE}\n某退役士兵到安置地退役军人事务局报到，询问何时能够领取退役军人优待证。工作人员依据《退役军人保障法》第十五条，说明安置地人民政府退役军人工作主管部门在接收退役军人时发放优待证，优待证全国统一制发、统一编号。\n学习要点：接收时发放；全国统一制发、统一编号。`,
    articles: [{ regulation: 'veterans-protection-law', article: 15 }],
  },
  {
    title: '示例：网络上歪曲英雄烈士事迹的处理',
    curriculum: 'care',
    body: `${NOTE}\n某网络账号发布歪曲、丑化英雄烈士事迹的内容。退役军人事务部门工作人员在学习中对照《英雄烈士保护法》第二十二条，明确禁止歪曲、丑化、亵渎、否定英雄烈士事迹和精神，并了解相关部门依法处置的职责分工。\n学习要点：禁止性规定的范围；线索移交与协同处置。`,
    articles: [{ regulation: 'heroes-martyrs-protection-law', article: 22 }],
  },
  {
    title: '示例：退役军士安置方式的政策解答',
    curriculum: 'resettlement',
    body: `${NOTE}\n一名即将退役的军士来电咨询可选择的安置方式。工作人员依据《退役军人保障法》第二十二条逐一说明逐月领取退役金、自主就业、安排工作、退休、供养等方式及其适用条件。\n学习要点：按服现役年限区分逐月领取退役金与一次性退役金。`,
    articles: [{ regulation: 'veterans-protection-law', article: 22 }],
  },
];
