"""The starter library of problem categories (投诉问题标准库).

class → part → problem. Warranty months follow the PRC regulation where one
applies (建设工程质量管理条例 第四十条; 住宅质量保证书):
roof, wall and wet-room waterproofing 5 years; heating and cooling two
seasons (24 months); electrical, plumbing, equipment installation and
decoration 2 years; foundations and structure for the design life (50 years).
The contractor's period runs from completion acceptance, the homeowner's from
delivery. Response / resolution hours are working hours.
"""

STRUCTURE_MONTHS = 600
WATERPROOF_MONTHS = 60
TWO_YEARS = 24
SEASONS_MONTHS = 24

# (name, warranty_months, contractor_warranty_months, response_hours, resolution_hours)
LIBRARY: dict[str, dict[str, list[tuple[str, int, int, float, float]]]] = {
	"工程质量": {
		"入户木门": [
			("木门变形开裂", TWO_YEARS, TWO_YEARS, 9, 45),
			("木门五金损坏", TWO_YEARS, TWO_YEARS, 9, 27),
			("木门油漆脱落", TWO_YEARS, TWO_YEARS, 9, 45),
		],
		"铝合金门窗": [
			("铝窗渗水", WATERPROOF_MONTHS, WATERPROOF_MONTHS, 9, 45),
			("铝窗五金损坏", TWO_YEARS, TWO_YEARS, 9, 27),
			("铝窗密封胶条老化", TWO_YEARS, TWO_YEARS, 9, 45),
		],
		"塑钢门窗": [
			("塑窗渗水", WATERPROOF_MONTHS, WATERPROOF_MONTHS, 9, 45),
			("塑窗开启不畅", TWO_YEARS, TWO_YEARS, 9, 27),
		],
		"防水渗漏": [
			("屋面渗漏", WATERPROOF_MONTHS, WATERPROOF_MONTHS, 9, 90),
			("外墙渗漏", WATERPROOF_MONTHS, WATERPROOF_MONTHS, 9, 90),
			("卫生间渗漏", WATERPROOF_MONTHS, WATERPROOF_MONTHS, 9, 72),
			("厨房阳台渗漏", WATERPROOF_MONTHS, WATERPROOF_MONTHS, 9, 72),
			("地下室渗漏", WATERPROOF_MONTHS, WATERPROOF_MONTHS, 9, 90),
		],
		"墙地面开裂": [
			("墙面裂缝", TWO_YEARS, TWO_YEARS, 9, 72),
			("顶棚裂缝", TWO_YEARS, TWO_YEARS, 9, 72),
			("地面空鼓开裂", TWO_YEARS, TWO_YEARS, 9, 72),
			("结构裂缝", STRUCTURE_MONTHS, STRUCTURE_MONTHS, 2, 180),
		],
		"装饰装修": [
			("墙面抹灰脱落", TWO_YEARS, TWO_YEARS, 9, 45),
			("瓷砖空鼓脱落", TWO_YEARS, TWO_YEARS, 9, 45),
			("涂料起皮霉变", TWO_YEARS, TWO_YEARS, 9, 45),
			("橱柜洁具损坏", TWO_YEARS, TWO_YEARS, 9, 27),
		],
		"给排水": [
			("给水管漏水", TWO_YEARS, TWO_YEARS, 2, 18),
			("排水管堵塞", TWO_YEARS, TWO_YEARS, 2, 18),
			("地漏返味", TWO_YEARS, TWO_YEARS, 9, 27),
		],
		"暖通空调": [
			("地暖不热", SEASONS_MONTHS, SEASONS_MONTHS, 9, 27),
			("暖气片漏水", SEASONS_MONTHS, SEASONS_MONTHS, 2, 18),
			("中央空调不制冷", SEASONS_MONTHS, SEASONS_MONTHS, 9, 27),
		],
		"电气": [
			("插座开关故障", TWO_YEARS, TWO_YEARS, 9, 18),
			("线路短路跳闸", TWO_YEARS, TWO_YEARS, 2, 9),
			("弱电网络故障", TWO_YEARS, TWO_YEARS, 9, 27),
		],
	},
	"规划设计": {
		"户型设计": [("户型与合同不符", 0, 0, 9, 90)],
		"景观配套": [("配套设施未兑现", 0, 0, 9, 180)],
	},
	"销售管理": {
		"销售承诺": [("销售承诺未兑现", 0, 0, 9, 90)],
		"合同产权": [("办证延误", 0, 0, 9, 90)],
	},
	"物业管理": {
		"物业服务": [("物业服务态度", 0, 0, 9, 27), ("公共区域卫生", 0, 0, 9, 27)],
		"公共设施": [("电梯故障", TWO_YEARS, TWO_YEARS, 2, 18), ("门禁对讲故障", TWO_YEARS, TWO_YEARS, 9, 27)],
	},
	"客户服务": {
		"服务质量": [("响应不及时", 0, 0, 9, 27), ("维修人员态度", 0, 0, 9, 27)],
	},
	"其他": {
		"其他问题": [("其他", 0, 0, 9, 72)],
	},
}
