// Spreadsheets for auditors and for the village notice board. ID numbers are masked in every file:
// an export leaves the system and may be copied anywhere.
import ExcelJS from 'exceljs';
import type { FundsSummaryRow } from './funds-service';
import type { noticeView } from './notice-service';
import type { PaymentView } from './views';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const attachment = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

const CATEGORY: Record<string, string> = {
  emergency: '应急救助', transitional: '过渡期生活救助', drought: '旱灾救助', condolence: '遇难人员家属抚慰',
  rebuild: '倒损住房恢复重建', winter_spring: '冬春救助',
};
const SOURCE: Record<string, string> = { central: '中央', province: '省级', prefecture: '盟市级', county: '县级' };
const STAGE: Record<string, string> = { start: '开工', progress: '进度', completion: '竣工' };
const yuan = (fen: number) => Math.round(fen) / 100;
const shanghai = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number; money?: boolean }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.money ? { numFmt: '#,##0.00' } : {} }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

const toBuffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** 资金监管: summary per county and category, every allocation, every payment (with reversals). */
export async function fundsWorkbook(data: {
  regionName: string; generatedAt: string; rows: FundsSummaryRow[];
  allocations: { id: number; countyCode: string; category: string; sourceLevel: string; amountFen: number; documentNo: string; receivedAt: string; disbursedFen: number }[];
  payments: PaymentView[]; countyName: (code: string) => string;
}) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '救灾物资储备与调度系统';
  wb.created = new Date(data.generatedAt);
  const s = sheet(wb, '汇总', [
    { header: '县（旗、市）', key: 'county', width: 16 }, { header: '区划代码', key: 'code', width: 10 }, { header: '救助类别', key: 'category', width: 18 },
    { header: '下达（元）', key: 'allocated', width: 16, money: true }, { header: '已发放（元）', key: 'disbursed', width: 16, money: true },
    { header: '结余（元）', key: 'balance', width: 16, money: true }, { header: '发放笔数', key: 'payments', width: 10 }, { header: '受助户数', key: 'households', width: 10 },
  ]);
  for (const r of data.rows) {
    s.addRow({ county: r.countyName, code: r.countyCode, category: CATEGORY[r.category], allocated: yuan(r.allocatedFen),
      disbursed: yuan(r.disbursedFen), balance: yuan(r.balanceFen), payments: r.payments, households: r.households });
  }
  const a = sheet(wb, '资金下达', [
    { header: '编号', key: 'id', width: 8 }, { header: '县（旗、市）', key: 'county', width: 16 }, { header: '救助类别', key: 'category', width: 18 },
    { header: '资金来源', key: 'source', width: 10 }, { header: '文号', key: 'doc', width: 26 }, { header: '到账日期', key: 'received', width: 12 },
    { header: '金额（元）', key: 'amount', width: 16, money: true }, { header: '已发放（元）', key: 'disbursed', width: 16, money: true },
  ]);
  for (const x of data.allocations) {
    a.addRow({ id: x.id, county: data.countyName(x.countyCode), category: CATEGORY[x.category], source: SOURCE[x.sourceLevel], doc: x.documentNo,
      received: x.receivedAt, amount: yuan(x.amountFen), disbursed: yuan(x.disbursedFen) });
  }
  const p = sheet(wb, '发放明细', [
    { header: '编号', key: 'id', width: 8 }, { header: '户主', key: 'name', width: 10 }, { header: '户编号', key: 'household', width: 8 },
    { header: '县（旗、市）', key: 'county', width: 14 }, { header: '救助类别', key: 'category', width: 16 }, { header: '救助期', key: 'season', width: 12 },
    { header: '阶段', key: 'stage', width: 6 }, { header: '资金编号', key: 'allocation', width: 8 }, { header: '金额（元）', key: 'amount', width: 14, money: true },
    { header: '发放时间', key: 'paidAt', width: 17 }, { header: '方式', key: 'method', width: 8 }, { header: '冲正时间', key: 'reversedAt', width: 17 },
    { header: '冲正原因', key: 'reason', width: 20 },
  ]);
  for (const x of data.payments) {
    p.addRow({ id: x.id, name: x.headName, household: x.householdId, county: data.countyName(x.countyCode), category: CATEGORY[x.category],
      season: x.season, stage: x.stage ? STAGE[x.stage] : '', allocation: x.allocationId, amount: yuan(x.amountFen), paidAt: shanghai(x.paidAt),
      method: x.method === 'cash' ? '现金' : '一卡通', reversedAt: shanghai(x.reversedAt), reason: x.reversalReason ?? '' });
  }
  return toBuffer(wb);
}

/** The village notice as a sheet: title, period, one row per household, total. */
export async function noticeWorkbook(n: ReturnType<typeof noticeView>) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '救灾物资储备与调度系统';
  const ws = wb.addWorksheet('公示');
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 22 }, { width: 14, style: { numFmt: '#,##0.00' } }, { width: 48 }];
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = n.title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = `${n.place}　公示期：${shanghai(n.noticeStart)} 至 ${shanghai(n.noticeEnd)}（${n.days} 天）`;
  const header = ws.addRow(['序号', '姓名', '身份证号码', n.kind === 'rebuild' ? '拟补助金额（元）' : '救助金额（元）', '事由']);
  header.font = { bold: true };
  n.entries.forEach((e, i) => ws.addRow([i + 1, e.name, e.idNumberMasked, yuan(e.amountFen), e.reason]));
  ws.addRow(['', '合计', `${n.entries.length} 户`, yuan(n.totalFen), '']).font = { bold: true };
  ws.addRow([]);
  ws.addRow(['', '公示期内如有异议，请向村（嘎查）委员会或乡镇（苏木）人民政府反映。']);
  return toBuffer(wb);
}
