// Reference data shared by the demo seed, the scale generator and the tests.

export const PLANS = [
  { code: "M5G-129", nameZh: "5G畅享套餐129元", nameEn: "5G Unlimited 129", class: "MOBILE", monthlyFee: 129, dataQuotaMb: 40960, voiceMinutes: 500, lifecycle: "GROWTH", network: "G5" },
  { code: "M5G-199", nameZh: "5G畅享套餐199元", nameEn: "5G Unlimited 199", class: "MOBILE", monthlyFee: 199, dataQuotaMb: 81920, voiceMinutes: 1000, lifecycle: "GROWTH", network: "G5" },
  { code: "M5G-299", nameZh: "5G尊享套餐299元", nameEn: "5G Premier 299", class: "MOBILE", monthlyFee: 299, dataQuotaMb: 153600, voiceMinutes: 2000, lifecycle: "INTRODUCTION", network: "G5" },
  { code: "M5G-79", nameZh: "5G智享套餐79元", nameEn: "5G Smart 79", class: "MOBILE", monthlyFee: 79, dataQuotaMb: 20480, voiceMinutes: 200, lifecycle: "MATURITY", network: "G5" },
  { code: "M4G-58", nameZh: "4G乐享套餐58元", nameEn: "4G Easy 58", class: "MOBILE", monthlyFee: 58, dataQuotaMb: 10240, voiceMinutes: 200, lifecycle: "MATURITY", network: "G4" },
  { code: "M4G-38", nameZh: "4G基础套餐38元", nameEn: "4G Basic 38", class: "MOBILE", monthlyFee: 38, dataQuotaMb: 3072, voiceMinutes: 100, lifecycle: "DECLINE", network: "G4" },
  { code: "M4G-18", nameZh: "4G保号套餐18元", nameEn: "4G Keep-number 18", class: "MOBILE", monthlyFee: 18, dataQuotaMb: 500, voiceMinutes: 30, lifecycle: "DECLINE", network: "G4" },
  { code: "M4G-ELD", nameZh: "4G爱心长者卡", nameEn: "4G Senior Care", class: "MOBILE", monthlyFee: 28, dataQuotaMb: 2048, voiceMinutes: 300, lifecycle: "MATURITY", network: "G4" },
  { code: "BB-300", nameZh: "光宽带300M", nameEn: "Fibre 300M", class: "BROADBAND", monthlyFee: 69, dataQuotaMb: 0, voiceMinutes: 0, lifecycle: "MATURITY", network: "FTTH" },
  { code: "BB-1000", nameZh: "千兆光宽带", nameEn: "Gigabit Fibre", class: "BROADBAND", monthlyFee: 129, dataQuotaMb: 0, voiceMinutes: 0, lifecycle: "GROWTH", network: "FTTH" },
  { code: "FX-BASE", nameZh: "固定电话基础套餐", nameEn: "Fixed Line Basic", class: "FIXED", monthlyFee: 20, dataQuotaMb: 0, voiceMinutes: 300, lifecycle: "DECLINE", network: "FIXED" },
  { code: "ENT-5G-399", nameZh: "政企5G专享399元", nameEn: "Business 5G 399", class: "MOBILE", monthlyFee: 399, dataQuotaMb: 204800, voiceMinutes: 3000, lifecycle: "GROWTH", network: "G5" },
  { code: "VAS-VIDEO", nameZh: "视频会员流量包", nameEn: "Video Data Pack", class: "VALUE_ADDED", monthlyFee: 20, dataQuotaMb: 30720, voiceMinutes: 0, lifecycle: "GROWTH", network: "G5" },
  { code: "SEC-GUARD", nameZh: "防骚扰安全卫士", nameEn: "Anti-spam Guard", class: "SECURITY", monthlyFee: 5, dataQuotaMb: 0, voiceMinutes: 0, lifecycle: "INTRODUCTION", network: "G4" },
] as const;

export type PlanDef = (typeof PLANS)[number];

export const REGIONS: Array<{ city: string; area: string; idArea: string; weight: number; districts: string[] }> = [
  { city: "杭州市", area: "0571", idArea: "330106", weight: 28, districts: ["西湖区", "上城区", "拱墅区", "滨江区", "余杭区", "萧山区"] },
  { city: "宁波市", area: "0574", idArea: "330203", weight: 17, districts: ["海曙区", "江北区", "鄞州区", "北仑区"] },
  { city: "温州市", area: "0577", idArea: "330302", weight: 14, districts: ["鹿城区", "龙湾区", "瓯海区"] },
  { city: "绍兴市", area: "0575", idArea: "330602", weight: 8, districts: ["越城区", "柯桥区", "上虞区"] },
  { city: "嘉兴市", area: "0573", idArea: "330402", weight: 8, districts: ["南湖区", "秀洲区"] },
  { city: "金华市", area: "0579", idArea: "330702", weight: 9, districts: ["婺城区", "金东区", "义乌市"] },
  { city: "台州市", area: "0576", idArea: "331002", weight: 7, districts: ["椒江区", "黄岩区", "路桥区"] },
  { city: "湖州市", area: "0572", idArea: "330502", weight: 5, districts: ["吴兴区", "南浔区"] },
  { city: "衢州市", area: "0570", idArea: "330802", weight: 2, districts: ["柯城区", "衢江区"] },
  { city: "丽水市", area: "0578", idArea: "331102", weight: 1.5, districts: ["莲都区"] },
  { city: "舟山市", area: "0580", idArea: "330902", weight: 0.5, districts: ["定海区", "普陀区"] },
];
export const PROVINCE = "浙江省";

export const INTERACTION_REASONS = [
  { code: "BILL_QUERY", nameZh: "话费查询", nameEn: "Bill enquiry" },
  { code: "BILL_DISPUTE", nameZh: "话费争议", nameEn: "Bill dispute" },
  { code: "PLAN_CHANGE", nameZh: "套餐变更", nameEn: "Plan change" },
  { code: "DATA_USAGE", nameZh: "流量使用", nameEn: "Data usage" },
  { code: "NETWORK_SIGNAL", nameZh: "网络信号", nameEn: "Network / signal" },
  { code: "BROADBAND_FAULT", nameZh: "宽带故障", nameEn: "Broadband fault" },
  { code: "ROAMING", nameZh: "国际漫游", nameEn: "Roaming" },
  { code: "VAS_UNSUBSCRIBE", nameZh: "增值业务退订", nameEn: "Value-added service cancellation" },
  { code: "PAYMENT", nameZh: "缴费充值", nameEn: "Payment / top-up" },
  { code: "NUMBER_PORTING", nameZh: "携号转网", nameEn: "Number porting" },
  { code: "CONTRACT", nameZh: "合约续约", nameEn: "Contract renewal" },
  { code: "SERVICE_ATTITUDE", nameZh: "服务态度", nameEn: "Service attitude" },
  { code: "OTHER", nameZh: "其他咨询", nameEn: "Other enquiry" },
] as const;

export const TEAMS = [
  { code: "HOTLINE-1", nameZh: "热线一组", nameEn: "Hotline Team 1" },
  { code: "HOTLINE-2", nameZh: "热线二组", nameEn: "Hotline Team 2" },
] as const;

/** Demo staff: one login per role (two agent teams), plus colleagues so teams look real. Agents carry
 *  their routing profile for round-robin assignment (skills match complaint_category.skill_tags). */
export const DEMO_USERS = [
  { username: "agent1", displayName: "王晓燕", role: "AGENT", team: "HOTLINE-1", skills: ["billing", "vas"] },
  { username: "agent2", displayName: "李俊峰", role: "AGENT", team: "HOTLINE-2", skills: ["billing", "vas", "porting"] },
  { username: "supervisor1", displayName: "陈建华", role: "SUPERVISOR", team: "HOTLINE-1" },
  { username: "supervisor2", displayName: "周丽娟", role: "SUPERVISOR", team: "HOTLINE-2" },
  { username: "manager1", displayName: "张明", role: "MANAGER", team: null },
  { username: "admin1", displayName: "系统管理员", role: "ADMIN", team: null },
  { username: "agent3", displayName: "刘芳", role: "AGENT", team: "HOTLINE-1", skills: ["network", "broadband", "billing"] },
  { username: "agent4", displayName: "赵磊", role: "AGENT", team: "HOTLINE-1", skills: ["service", "product", "porting"] },
  { username: "agent5", displayName: "孙婷", role: "AGENT", team: "HOTLINE-2", skills: ["network", "broadband"] },
  { username: "agent6", displayName: "吴昊", role: "AGENT", team: "HOTLINE-2", skills: ["service", "product", "billing"] },
] as const;
