//! Industry divisions: [`IndustryDivision`], all 97 divisions (大类) of
//! GB/T 4754-2017.

use crate::macros::vocabulary;

/// Generates [`IndustryDivision`] and its code and Chinese-name lookups
/// from one table: `Variant, "id", "English gloss", "中文名称";`.
macro_rules! divisions {
    ($($(#[$doc:meta])* $variant:ident, $id:literal, $label:literal, $chinese:literal;)+) => {
        vocabulary! {
            /// A division (大类) of GB/T 4754-2017, *Industrial classification
            /// for national economic activities* (国民经济行业分类): all 97,
            /// sections A to T. The id is the section letter and the two-digit
            /// division number, lowercased (`c17`, `c35`, `a01`).
            ///
            /// The official names are the Chinese ones
            /// ([`IndustryDivision::chinese_name`]). The standard gives no
            /// English names for its divisions; the English labels are the
            /// crate's glosses of the Chinese, not official translations.
            ///
            /// Exhaustive over the standard's divisions, but
            /// `#[non_exhaustive]` so that a later revision of the standard
            /// can add divisions.
            ///
            /// # Source
            ///
            /// GB/T 4754-2017 (issued 2017-06-30, in force 2017-10-01; 20
            /// sections, 97 divisions), table "国民经济行业分类和代码表". Codes
            /// and Chinese names taken from the machine-readable copy of the
            /// table in the public repository `zmshe/capital`,
            /// `src/utils/category.js` (commit 88e5d90); the counts (20
            /// sections, 97 divisions) are those the Jiangsu Provincial
            /// Bureau of Statistics states for the standard
            /// (tj.jiangsu.gov.cn, 2025-01-20).
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::IndustryDivision;
            /// assert_eq!(IndustryDivision::ALL.len(), 97);
            /// assert_eq!(IndustryDivision::C39.code(), "C39");
            /// assert_eq!(IndustryDivision::C21.chinese_name(), "家具制造业");
            /// assert_eq!("c17".parse::<IndustryDivision>()?.chinese_name(), "纺织业");
            /// assert_eq!(IndustryDivision::T97.section(), 'T');
            /// # Ok::<(), regdev::Error>(())
            /// ```
            #[non_exhaustive]
            pub enum IndustryDivision as "industry division" {
                $($(#[$doc])* $variant = ($id, $label),)+
            }
        }

        impl IndustryDivision {
            /// The section letter and two-digit division, e.g. `"C39"`.
            ///
            /// # Example
            ///
            /// ```
            /// assert_eq!(regdev::IndustryDivision::F51.code(), "F51");
            /// ```
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self {
                    $(IndustryDivision::$variant => stringify!($variant),)+
                }
            }

            /// The official Chinese name.
            ///
            /// # Example
            ///
            /// ```
            /// assert_eq!(regdev::IndustryDivision::C33.chinese_name(), "金属制品业");
            /// ```
            #[must_use]
            pub const fn chinese_name(self) -> &'static str {
                match self {
                    $(IndustryDivision::$variant => $chinese,)+
                }
            }
        }
    };
}

divisions! {
        /// 农业. Incl. 0143 flower growing (Chencun flowers).
        A01, "a01", "Agriculture", "农业";
        /// 林业.
        A02, "a02", "Forestry", "林业";
        /// 畜牧业.
        A03, "a03", "Animal husbandry", "畜牧业";
        /// 渔业.
        A04, "a04", "Fishery", "渔业";
        /// 农、林、牧、渔专业及辅助性活动.
        A05, "a05", "Specialised and support activities for agriculture, forestry, animal husbandry and fishery", "农、林、牧、渔专业及辅助性活动";
        /// 煤炭开采和洗选业.
        B06, "b06", "Mining and washing of coal", "煤炭开采和洗选业";
        /// 石油和天然气开采业.
        B07, "b07", "Extraction of petroleum and natural gas", "石油和天然气开采业";
        /// 黑色金属矿采选业.
        B08, "b08", "Mining and processing of ferrous metal ores", "黑色金属矿采选业";
        /// 有色金属矿采选业.
        B09, "b09", "Mining and processing of non-ferrous metal ores", "有色金属矿采选业";
        /// 非金属矿采选业.
        B10, "b10", "Mining and processing of non-metallic minerals", "非金属矿采选业";
        /// 开采专业及辅助性活动.
        B11, "b11", "Specialised and support activities for mining", "开采专业及辅助性活动";
        /// 其他采矿业.
        B12, "b12", "Other mining", "其他采矿业";
        /// 农副食品加工业.
        C13, "c13", "Processing of agricultural and sideline food products", "农副食品加工业";
        /// 食品制造业.
        C14, "c14", "Manufacture of foods", "食品制造业";
        /// 酒、饮料和精制茶制造业.
        C15, "c15", "Manufacture of liquor, beverages and refined tea", "酒、饮料和精制茶制造业";
        /// 烟草制品业.
        C16, "c16", "Manufacture of tobacco products", "烟草制品业";
        /// 纺织业.
        C17, "c17", "Manufacture of textiles", "纺织业";
        /// 纺织服装、服饰业. Jun'an denim.
        C18, "c18", "Textile garments and apparel", "纺织服装、服饰业";
        /// 皮革、毛皮、羽毛及其制品和制鞋业.
        C19, "c19", "Leather, fur, feathers and their products, and footwear", "皮革、毛皮、羽毛及其制品和制鞋业";
        /// 木材加工和木、竹、藤、棕、草制品业.
        C20, "c20", "Wood processing and wood, bamboo, rattan, palm and straw products", "木材加工和木、竹、藤、棕、草制品业";
        /// 家具制造业. Longjiang furniture.
        C21, "c21", "Furniture manufacturing", "家具制造业";
        /// 造纸和纸制品业.
        C22, "c22", "Paper and paper products", "造纸和纸制品业";
        /// 印刷和记录媒介复制业.
        C23, "c23", "Printing and reproduction of recording media", "印刷和记录媒介复制业";
        /// 文教、工美、体育和娱乐用品制造业.
        C24, "c24", "Articles for culture, education, arts and crafts, sport and entertainment", "文教、工美、体育和娱乐用品制造业";
        /// 石油、煤炭及其他燃料加工业.
        C25, "c25", "Processing of petroleum, coal and other fuels", "石油、煤炭及其他燃料加工业";
        /// 化学原料和化学制品制造业.
        C26, "c26", "Chemical raw materials and chemical products", "化学原料和化学制品制造业";
        /// 医药制造业.
        C27, "c27", "Pharmaceuticals", "医药制造业";
        /// 化学纤维制造业.
        C28, "c28", "Chemical fibres", "化学纤维制造业";
        /// 橡胶和塑料制品业.
        C29, "c29", "Rubber and plastic products", "橡胶和塑料制品业";
        /// 非金属矿物制品业.
        C30, "c30", "Non-metallic mineral products", "非金属矿物制品业";
        /// 黑色金属冶炼和压延加工业.
        C31, "c31", "Smelting and rolling of ferrous metals", "黑色金属冶炼和压延加工业";
        /// 有色金属冶炼和压延加工业.
        C32, "c32", "Smelting and rolling of non-ferrous metals", "有色金属冶炼和压延加工业";
        /// 金属制品业. Leliu hardware.
        C33, "c33", "Metal products", "金属制品业";
        /// 通用设备制造业.
        C34, "c34", "General-purpose equipment", "通用设备制造业";
        /// 专用设备制造业.
        C35, "c35", "Special-purpose equipment", "专用设备制造业";
        /// 汽车制造业.
        C36, "c36", "Motor vehicles", "汽车制造业";
        /// 铁路、船舶、航空航天和其他运输设备制造业.
        C37, "c37", "Railway, ship, aerospace and other transport equipment", "铁路、船舶、航空航天和其他运输设备制造业";
        /// 电气机械和器材制造业. Incl. 385 household appliances (Beijiao, Ronggui).
        C38, "c38", "Electrical machinery and equipment", "电气机械和器材制造业";
        /// 计算机、通信和其他电子设备制造业. Kunshan notebooks, displays.
        C39, "c39", "Computers, communication and other electronic equipment", "计算机、通信和其他电子设备制造业";
        /// 仪器仪表制造业.
        C40, "c40", "Instruments and meters", "仪器仪表制造业";
        /// 其他制造业.
        C41, "c41", "Other manufacturing", "其他制造业";
        /// 废弃资源综合利用业.
        C42, "c42", "Comprehensive use of waste resources", "废弃资源综合利用业";
        /// 金属制品、机械和设备修理业.
        C43, "c43", "Repair of metal products, machinery and equipment", "金属制品、机械和设备修理业";
        /// 电力、热力生产和供应业.
        D44, "d44", "Production and supply of electricity and heat", "电力、热力生产和供应业";
        /// 燃气生产和供应业.
        D45, "d45", "Production and supply of gas", "燃气生产和供应业";
        /// 水的生产和供应业.
        D46, "d46", "Production and supply of water", "水的生产和供应业";
        /// 房屋建筑业.
        E47, "e47", "Building construction", "房屋建筑业";
        /// 土木工程建筑业.
        E48, "e48", "Civil engineering", "土木工程建筑业";
        /// 建筑安装业.
        E49, "e49", "Construction installation", "建筑安装业";
        /// 建筑装饰、装修和其他建筑业.
        E50, "e50", "Building decoration, renovation and other construction", "建筑装饰、装修和其他建筑业";
        /// 批发业. Lecong's furniture trade market.
        F51, "f51", "Wholesale trade", "批发业";
        /// 零售业.
        F52, "f52", "Retail trade", "零售业";
        /// 铁路运输业.
        G53, "g53", "Rail transport", "铁路运输业";
        /// 道路运输业.
        G54, "g54", "Road transport", "道路运输业";
        /// 水上运输业.
        G55, "g55", "Water transport", "水上运输业";
        /// 航空运输业.
        G56, "g56", "Air transport", "航空运输业";
        /// 管道运输业.
        G57, "g57", "Pipeline transport", "管道运输业";
        /// 多式联运和运输代理业.
        G58, "g58", "Multimodal transport and transport agency", "多式联运和运输代理业";
        /// 装卸搬运和仓储业.
        G59, "g59", "Loading, unloading, handling and warehousing", "装卸搬运和仓储业";
        /// 邮政业.
        G60, "g60", "Postal services", "邮政业";
        /// 住宿业.
        H61, "h61", "Accommodation", "住宿业";
        /// 餐饮业.
        H62, "h62", "Catering", "餐饮业";
        /// 电信、广播电视和卫星传输服务.
        I63, "i63", "Telecommunications, broadcasting and satellite transmission", "电信、广播电视和卫星传输服务";
        /// 互联网和相关服务.
        I64, "i64", "Internet and related services", "互联网和相关服务";
        /// 软件和信息技术服务业.
        I65, "i65", "Software and information technology services", "软件和信息技术服务业";
        /// 货币金融服务.
        J66, "j66", "Monetary and financial services", "货币金融服务";
        /// 资本市场服务.
        J67, "j67", "Capital market services", "资本市场服务";
        /// 保险业.
        J68, "j68", "Insurance", "保险业";
        /// 其他金融业.
        J69, "j69", "Other financial services", "其他金融业";
        /// 房地产业.
        K70, "k70", "Real estate", "房地产业";
        /// 租赁业.
        L71, "l71", "Leasing", "租赁业";
        /// 商务服务业.
        L72, "l72", "Business services", "商务服务业";
        /// 研究和试验发展.
        M73, "m73", "Research and experimental development", "研究和试验发展";
        /// 专业技术服务业.
        M74, "m74", "Professional and technical services", "专业技术服务业";
        /// 科技推广和应用服务业.
        M75, "m75", "Technology promotion and application services", "科技推广和应用服务业";
        /// 水利管理业.
        N76, "n76", "Water conservancy management", "水利管理业";
        /// 生态保护和环境治理业.
        N77, "n77", "Ecological protection and environmental treatment", "生态保护和环境治理业";
        /// 公共设施管理业.
        N78, "n78", "Public facilities management", "公共设施管理业";
        /// 土地管理业.
        N79, "n79", "Land management", "土地管理业";
        /// 居民服务业.
        O80, "o80", "Household services", "居民服务业";
        /// 机动车、电子产品和日用产品修理业.
        O81, "o81", "Repair of motor vehicles, electronic products and household goods", "机动车、电子产品和日用产品修理业";
        /// 其他服务业.
        O82, "o82", "Other services", "其他服务业";
        /// 教育.
        P83, "p83", "Education", "教育";
        /// 卫生.
        Q84, "q84", "Health", "卫生";
        /// 社会工作.
        Q85, "q85", "Social work", "社会工作";
        /// 新闻和出版业.
        R86, "r86", "News and publishing", "新闻和出版业";
        /// 广播、电视、电影和录音制作业.
        R87, "r87", "Radio, television, film and sound recording", "广播、电视、电影和录音制作业";
        /// 文化艺术业.
        R88, "r88", "Culture and arts", "文化艺术业";
        /// 体育.
        R89, "r89", "Sport", "体育";
        /// 娱乐业.
        R90, "r90", "Entertainment", "娱乐业";
        /// 中国共产党机关.
        S91, "s91", "Organs of the Communist Party of China", "中国共产党机关";
        /// 国家机构.
        S92, "s92", "State organs", "国家机构";
        /// 人民政协、民主党派.
        S93, "s93", "People's Political Consultative Conference and democratic parties", "人民政协、民主党派";
        /// 社会保障.
        S94, "s94", "Social security", "社会保障";
        /// 群众团体、社会团体和其他成员组织.
        S95, "s95", "Mass organisations, social organisations and other membership organisations", "群众团体、社会团体和其他成员组织";
        /// 基层群众自治组织及其他组织.
        S96, "s96", "Grassroots self-governing organisations and other organisations", "基层群众自治组织及其他组织";
        /// 国际组织.
        T97, "t97", "International organisations", "国际组织";
}

impl IndustryDivision {
    /// The section (门类) letter, `'A'` to `'T'`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::IndustryDivision::C35.section(), 'C');
    /// ```
    #[must_use]
    pub fn section(self) -> char {
        self.code().chars().next().unwrap_or('?')
    }

    /// The two-digit division number, 1 to 97.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::IndustryDivision::A01.number(), 1);
    /// assert_eq!(regdev::IndustryDivision::T97.number(), 97);
    /// ```
    #[must_use]
    pub fn number(self) -> u8 {
        self.code().get(1..).and_then(|n| n.parse().ok()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ninety_seven_divisions_in_order() {
        assert_eq!(IndustryDivision::ALL.len(), 97);
        for (i, d) in IndustryDivision::ALL.iter().enumerate() {
            assert_eq!(usize::from(d.number()), i + 1, "{d:?}");
            assert_eq!(d.id(), d.code().to_lowercase());
            assert!(!d.chinese_name().is_empty());
        }
        let sections: String = {
            let mut s: Vec<char> = IndustryDivision::ALL.iter().map(|d| d.section()).collect();
            s.dedup();
            s.into_iter().collect()
        };
        assert_eq!(sections, "ABCDEFGHIJKLMNOPQRST");
    }
}
