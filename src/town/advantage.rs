//! The five advantages: [`Advantage`].

use crate::macros::vocabulary;

vocabulary! {
    /// The talk's five advantages of China's manufacturing places.
    ///
    /// The talk lists them for the "world factory" in general; built-in
    /// towns carry those a cited source supports for that town.
    ///
    /// # Source
    ///
    /// Talk, "World Factory" slide: "natural resources, industrial base,
    /// better location, reform earlier, foreign investment".
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Advantage;
    /// assert_eq!(Advantage::EarlyReform.to_string(), "Reform earlier");
    /// assert_eq!("better location".parse::<Advantage>()?, Advantage::Location);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Advantage as "advantage" {
        /// Natural resources.
        NaturalResources = ("natural_resources", "Natural resources"),
        /// An existing industrial base.
        IndustrialBase = ("industrial_base", "Industrial base"),
        /// A better location.
        Location = ("location", "Better location"),
        /// Reforming earlier than elsewhere.
        EarlyReform = ("early_reform", "Reform earlier"),
        /// Foreign investment.
        ForeignInvestment = ("foreign_investment", "Foreign investment"),
    }
}
