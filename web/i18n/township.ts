// Township field pages: the device's outbox, offline household registration and distributions.
import { addMessages } from './index';

const zh = {
  'nav.distributions': '冬春救助发放',
  'nav.outbox': '待发送',
  'nav.registerHousehold': '登记受灾户',

  'tw.state.pending': '待发送', 'tw.state.sending': '发送中', 'tw.state.sent': '已发送', 'tw.state.failed': '未被接收',
  'tw.kind.report': '灾情报告', 'tw.kind.household': '受灾户登记', 'tw.kind.distribution': '救助发放',
  'tw.queuedAt': '录入', 'tw.sentAt': '发送', 'tw.open': '查看', 'tw.cancel': '取消', 'tw.people': '{n} 人',
  'tw.outboxTitle': '本机待发送', 'tw.outboxAll': '本机录入的全部记录', 'tw.outboxEmpty': '本机没有待发送或已发送的记录。',
  'tw.outboxSummary': '{waiting} 条等待发送，共 {total} 条', 'tw.offlineWaiting': '当前无网络：记录保存在本机，联网后自动发送，每条只发送一次。',
  'tw.cached': '离线：显示的是 {at} 联网时保存的名单', 'tw.noCache': '本机还没有保存过这里的数据，请先在有网络时打开一次。',

  'tw.hh.offlineNote': '当前无网络：登记会保存在本机，联网后自动发送。',
  'tw.hh.queued': '{name} 的登记已保存在本机，联网后自动发送（见下方“登记记录”）。',
  'tw.hh.saveOffline': '保存到本机，联网后发送', 'tw.hh.outbox': '登记记录（本机）',

  'tw.dist.title': '冬春救助发放登记', 'tw.dist.offlineNote': '当前无网络：发放记录保存在本机，联网后自动发送，每户只记一次。',
  'tw.dist.summary': '县定 {decided} 户，待发放 {todo} 户', 'tw.dist.allVillages': '全部村（嘎查）', 'tw.dist.search': '姓名或身份证后四位',
  'tw.dist.none': '本乡镇还没有县定的救助户。', 'tw.dist.record': '登记发放',
  'tw.dist.state.open': '待发放', 'tw.dist.state.queued': '待发送', 'tw.dist.state.paid': '已发放', 'tw.dist.state.failed': '未被接收',
  'tw.dist.what': '发放内容', 'tw.dist.money': '资金', 'tw.dist.goodsPlanned': '物资', 'tw.dist.goods': '实物（从仓库出库）',
  'tw.dist.goodsByDepot': '实物发放需从仓库出库，由县级或仓库管理员登记。', 'tw.dist.noAllocation': '本县没有余额足够的冬春救助资金下达，请联系县应急管理局。',
  'tw.dist.depot': '出库仓库', 'tw.dist.item': '物资', 'tw.dist.quantity': '数量', 'tw.dist.value': '折款（元）', 'tw.dist.at': '发放时间',
  'tw.dist.receiverNote': '领取人：{name} 户。领取人签字请在纸质发放签收单上留存（本系统暂不记录签字）。',
  'tw.dist.confirm': '确认发放', 'tw.dist.queued': '已记录：{label}（{state}）', 'tw.dist.outbox': '发放记录（本机）',
};

const en: Record<keyof typeof zh, string> = {
  'nav.distributions': 'Winter-relief handouts',
  'nav.outbox': 'Outbox',
  'nav.registerHousehold': 'Register household',

  'tw.state.pending': 'Waiting to send', 'tw.state.sending': 'Sending', 'tw.state.sent': 'Sent', 'tw.state.failed': 'Refused',
  'tw.kind.report': 'Disaster report', 'tw.kind.household': 'Household registration', 'tw.kind.distribution': 'Aid handout',
  'tw.queuedAt': 'entered', 'tw.sentAt': 'sent', 'tw.open': 'Open', 'tw.cancel': 'Cancel', 'tw.people': '{n} people',
  'tw.outboxTitle': 'This device’s outbox', 'tw.outboxAll': 'Everything entered on this device', 'tw.outboxEmpty': 'Nothing waiting or sent from this device.',
  'tw.outboxSummary': '{waiting} waiting to send, {total} in all', 'tw.offlineWaiting': 'No network: records are kept on this device and each is sent once when the network returns.',
  'tw.cached': 'Offline: showing the list saved when last online ({at})', 'tw.noCache': 'Nothing saved on this device for here yet: open this page once while online.',

  'tw.hh.offlineNote': 'No network: the registration is kept on this device and sent when the network returns.',
  'tw.hh.queued': '{name} is saved on this device and will be sent when the network returns (see “Registrations” below).',
  'tw.hh.saveOffline': 'Save on this device, send later', 'tw.hh.outbox': 'Registrations (this device)',

  'tw.dist.title': 'Winter-relief handouts', 'tw.dist.offlineNote': 'No network: handouts are kept on this device and sent when the network returns, each household once.',
  'tw.dist.summary': '{decided} households decided by the county, {todo} still to receive', 'tw.dist.allVillages': 'All villages', 'tw.dist.search': 'Name or last 4 ID digits',
  'tw.dist.none': 'No county-decided households in this township yet.', 'tw.dist.record': 'Record a handout',
  'tw.dist.state.open': 'To receive', 'tw.dist.state.queued': 'Waiting to send', 'tw.dist.state.paid': 'Received', 'tw.dist.state.failed': 'Refused',
  'tw.dist.what': 'What was handed out', 'tw.dist.money': 'Money', 'tw.dist.goodsPlanned': 'Goods', 'tw.dist.goods': 'Goods (issued from a depot)',
  'tw.dist.goodsByDepot': 'Goods leave a depot through the stock ledger: the county or the depot keeper records them.', 'tw.dist.noAllocation': 'No winter-spring allocation of this county has enough left: ask the county emergency bureau.',
  'tw.dist.depot': 'From depot', 'tw.dist.item': 'Item', 'tw.dist.quantity': 'Quantity', 'tw.dist.value': 'Value (yuan)', 'tw.dist.at': 'Handed out at',
  'tw.dist.receiverNote': 'Receiver: the {name} household. Keep the receiver’s signature on the paper receipt (signatures are not recorded here yet).',
  'tw.dist.confirm': 'Confirm handout', 'tw.dist.queued': 'Recorded: {label} ({state})', 'tw.dist.outbox': 'Handouts (this device)',
};

addMessages(zh, en);
