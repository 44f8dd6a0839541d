//! Industry divisions: [`IndustryDivision`].

use crate::macros::vocabulary;

vocabulary! {
    /// A division (大类) of GB/T 4754-2017, *Industrial classification for
    /// national economic activities*: those relevant to the built-in cases.
    ///
    /// `#[non_exhaustive]`: more divisions are added as cases need them.
    /// English labels are the crate's glosses; the official names are the
    /// Chinese ones from [`IndustryDivision::chinese_name`].
    ///
    /// # Source
    ///
    /// GB/T 4754-2017 (in force 2017-10-01), as listed in domain facts §5.3.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::IndustryDivision;
    /// assert_eq!(IndustryDivision::C39.code(), "C39");
    /// assert_eq!(IndustryDivision::C21.chinese_name(), "家具制造业");
    /// assert_eq!("c38".parse::<IndustryDivision>()?, IndustryDivision::C38);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[non_exhaustive]
    pub enum IndustryDivision as "industry division" {
        /// 农业, incl. 0143 flower growing (Chencun flowers).
        A01 = ("a01", "Agriculture"),
        /// 纺织服装、服饰业 (Jun'an denim).
        C18 = ("c18", "Textile garments and apparel"),
        /// 家具制造业 (Longjiang furniture).
        C21 = ("c21", "Furniture manufacturing"),
        /// 金属制品业 (Leliu hardware).
        C33 = ("c33", "Metal products"),
        /// 电气机械和器材制造业, incl. 385 household appliances (Beijiao,
        /// Ronggui).
        C38 = ("c38", "Electrical machinery and equipment"),
        /// 计算机、通信和其他电子设备制造业 (Kunshan notebooks, displays).
        C39 = ("c39", "Computers, communication and other electronic equipment"),
        /// 批发业 (Lecong's furniture trade market).
        F51 = ("f51", "Wholesale trade"),
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
            IndustryDivision::A01 => "A01",
            IndustryDivision::C18 => "C18",
            IndustryDivision::C21 => "C21",
            IndustryDivision::C33 => "C33",
            IndustryDivision::C38 => "C38",
            IndustryDivision::C39 => "C39",
            IndustryDivision::F51 => "F51",
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
            IndustryDivision::A01 => "农业",
            IndustryDivision::C18 => "纺织服装、服饰业",
            IndustryDivision::C21 => "家具制造业",
            IndustryDivision::C33 => "金属制品业",
            IndustryDivision::C38 => "电气机械和器材制造业",
            IndustryDivision::C39 => "计算机、通信和其他电子设备制造业",
            IndustryDivision::F51 => "批发业",
        }
    }
}
