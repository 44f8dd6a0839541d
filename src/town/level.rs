//! Administrative levels: [`AdminLevel`].

use crate::macros::vocabulary;

vocabulary! {
    /// The administrative level of a place in China's hierarchy.
    ///
    /// # Ordering
    ///
    /// Declaration order, top down. For the hierarchy itself use
    /// [`AdminLevel::tier`]: several levels share a tier (a district and a
    /// county-level city are both county-level).
    ///
    /// # Source
    ///
    /// OpenStreetMap's `place:CN` tags
    /// (<https://wiki.openstreetmap.org/wiki/Key:place:CN>); GB/T 2260 and the
    /// NBS coding rules for levels below the county, as the codes of the NBS
    /// statistical divisions (atlas source `nbs-codes`) apply them.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::AdminLevel;
    /// assert_eq!(AdminLevel::CountyLevelCity.to_string(), "County-level city");
    /// assert!(AdminLevel::Town.tier() > AdminLevel::District.tier());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum AdminLevel as "administrative level" {
        /// Province, autonomous region, municipality or SAR (省级).
        Province = ("province", "Province"),
        /// Prefecture-level city (地级市).
        PrefectureLevelCity = ("prefecture_level_city", "Prefecture-level city"),
        /// County-level city (县级市), e.g. Kunshan.
        CountyLevelCity = ("county_level_city", "County-level city"),
        /// Urban district (市辖区), e.g. Shunde.
        District = ("district", "District"),
        /// County (县).
        County = ("county", "County"),
        /// Town (镇).
        Town = ("town", "Town"),
        /// Township (乡).
        Township = ("township", "Township"),
        /// Subdistrict (街道).
        Subdistrict = ("subdistrict", "Subdistrict"),
        /// Village (行政村) or neighbourhood (社区).
        Village = ("village", "Village"),
        /// Development zone run as a township-level unit ("similar to
        /// township", NBS codes 400–599).
        DevelopmentZone = ("development_zone", "Development zone"),
    }
}

impl AdminLevel {
    /// The tier in the hierarchy: 0 province, 1 prefecture, 2 county,
    /// 3 township, 4 village. A child's tier must be greater than its
    /// parent's.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::AdminLevel;
    /// assert_eq!(AdminLevel::District.tier(), 2);
    /// assert_eq!(AdminLevel::DevelopmentZone.tier(), 3);
    /// ```
    #[must_use]
    pub const fn tier(self) -> u8 {
        match self {
            AdminLevel::Province => 0,
            AdminLevel::PrefectureLevelCity => 1,
            AdminLevel::CountyLevelCity | AdminLevel::District | AdminLevel::County => 2,
            AdminLevel::Town | AdminLevel::Township | AdminLevel::Subdistrict | AdminLevel::DevelopmentZone => 3,
            AdminLevel::Village => 4,
        }
    }
}
