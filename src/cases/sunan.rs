//! Cases of the Sunan model: Wuxi, whose TVEs gave way to private firms
//! under a strong local state, and Huaxi, the village that kept its
//! factories collective when the Sunan model broke up elsewhere; Kunshan
//! is in the parent module.

use super::{code, sid, y};
use crate::dimension::{DrivingActor, Dynamics, GovernmentRole, Ownership};
use crate::{
    AdminLevel, Area, DimensionValue, Error, Name, Observed, Population, RegionalModel, Scale, Source, SourceKind,
    SourceStrength, Stage, Town, TownId, Trajectory,
};

/// The works cited by the Sunan cases (besides Kunshan's).
pub(super) fn sources() -> Result<Vec<Source>, Error> {
    use SourceKind::WebPage;
    use SourceStrength::{Medium, Weak};
    Ok(vec![
        Source::new(sid("washington-post-2006-huaxi"), WebPage, "China points to its richest village")?
            .with_authors(["Edward Cody"])?
            .with_year(y(2006)?)
            .with_venue("Washington Post, reprinted in The Honolulu Advertiser, 12 March 2006")?
            .with_url("http://the.honoluluadvertiser.com/article/2006/Mar/12/bz/FP603120316.html")?
            .with_note("in 1969 Wu Renbao, the local party secretary, started 'a village-owned textile factory'; the villagers 'opted to retain village control' of communal land and 'build more factories'")?
            .with_strength(Medium),
        Source::new(sid("china-daily-2018-huaxi"), WebPage, "Village blazes path to prosperity")?
            .with_authors(["Cang Wei"])?
            .with_year(y(2018)?)
            .with_venue("China Daily, 14 May 2018")?
            .with_url("http://www.chinadaily.com.cn/m/jiangsu/wuxi/2018-05/14/content_37331477.htm")?
            .with_note("the village owns the conglomerate Jiangsu Huaxi Group; it grew from under 1 km² in the 1960s to 35 km²; about 60,000 people live there; 57 years earlier its 667 villagers had 1,764 yuan in assets")?
            .with_strength(Medium),
        Source::new(sid("tencent-news-huaxi"), WebPage, "《视界》：“后华西村”时代 (The post-Huaxi era)")?
            .with_authors(["Su Jiaxi (photographs)", "Xu Song (editor)"])?
            .with_venue("Tencent News (news.qq.com), photo feature 《视界》; undated on the page read (it reports the village's 50th anniversary of October 2011)")?
            .with_url("https://news.qq.com/photon/shijie/single/huaxicun.htm")?
            .with_note("\"依靠工业化致富的华西村,被称为“天下第一村”。在苏南模式大规模解体的今天,它依然坚定不移地走在“集体主义”大道上。\" (Huaxi, which grew rich through industrialisation, is called 'the No. 1 village under heaven'; today, with the Sunan model broken up on a large scale, it still keeps firmly to the 'collectivist' road)")?
            .with_strength(Medium),
        Source::new(sid("jiemian-2018-huaxi"), WebPage, "华西村：蜕变的“苏南模式”丨改革开放四十周年出发地 (Huaxi: the transformed Sunan model)")?
            .with_year(y(2018)?)
            .with_venue("Jiemian News (界面新闻), 2018, read on two reposts of unknown origin")?
            .with_url("https://p2.ttnews.xyz/a/5e6e6e2ddc9b5e3c1bf42c02")?
            .with_note("\"以华西村为代表的“苏南模式”\" (the Sunan model represented by Huaxi); the old Sunan model was regional collective ownership of the means of production with township industry as its main body; the original article was not read, only reposts, so the source is rated weak")?
            .with_strength(Weak),
        Source::new(sid("wuxi-gov-2020-huaxi"), WebPage, "Huaxi village: a resident remembers (untitled on the page read)")?
            .with_year(y(2020)?)
            .with_venue("Wuxi Municipal People's Government, English site (en.wuxi.gov.cn), 15 July 2020; photographs credited to wxrb.com (Wuxi Daily)")?
            .with_url("http://en.wuxi.gov.cn/2020-07/15/c_515715.htm")?
            .with_note("\"Sun Yonghong, a resident of Huaxi village in Jiangyin city, Wuxi\"; \"Huaxi became the first village in Jiangsu to be named a '100 million yuan ($14 million) village' in 1988\"; \"Last year, the average annual personal income in the village stood at 90,500 yuan. It was just 220 yuan in 1978.\"")?
            .with_strength(Medium),
        Source::new(sid("tcmap-huaxi-er-cun"), WebPage, "华西二村 (Huaxi No. 2 village)")?
            .with_venue("tcmap.com.cn, a gazetteer aggregator")?
            .with_url("http://tcmap.com.cn/jiangsu/jiangyin_huashizhen_huaxiercun.html")?
            .with_note("\"地名:华西二村 | 隶属:华士镇 | 区划代码:320281107202 ... 行政级别:村\"; its neighbours include 华西一村 and 华西三村 to 华西十三村; an aggregator of the NBS village codes, so rated weak")?
            .with_strength(Weak),
    ])
}

/// Wuxi, Jiangyin, Huashi and Huaxi.
pub(super) fn towns() -> Result<Vec<Town>, Error> {
    let wuxi = Town::builder(TownId::known("wuxi"), Name::new("Wuxi")?.with_chinese("无锡市")?, AdminLevel::PrefectureLevelCity)
        .province("Jiangsu")
        .statistical_code(code("3202", Some((2015, 2023)))?)
        .note(super::gazetteer_note())
        .model(Observed::new(RegionalModel::Sunan, sid("yuan-wei-chen-2014")))
        .dimension(DimensionValue::Ownership(Ownership::Private), sid("yuan-wei-chen-2014"))
        .dimension(DimensionValue::DrivingActor(DrivingActor::LocalGovernment), sid("yuan-wei-chen-2014"))
        .dimension(DimensionValue::Dynamics(Dynamics::GovernmentLed), sid("yuan-wei-chen-2014"))
        .dimension(DimensionValue::EconomicLinkages([Scale::Local].into()), sid("yuan-wei-chen-2014"))
        .trajectory(Trajectory::new(vec![
            Stage::new("Sunan model: local-state directed TVEs", sid("yuan-wei-chen-2014"))?
                .with_ownership(Ownership::Collective)
                .with_driving_actors([DrivingActor::LocalGovernment]),
            Stage::new("TVEs replaced by domestic private enterprises and, less, foreign-invested ones", sid("yuan-wei-chen-2014"))?
                .with_ownership(Ownership::Private)
                .with_driving_actors([DrivingActor::LocalGovernment]),
        ])?)
        .note(Observed::new(
            "profile: Wuxi after the TVE era, as Yuan, Wei & Chen (2014) find it: domestic private firms with their own local production networks, and local governments still 'a key agent of economic transition'".to_owned(),
            sid("yuan-wei-chen-2014"),
        ))
        .note(Observed::new(
            "Fei Xiaotong coined 'the Sunan pattern' in 1983 for the village and township enterprises booming mainly in Suzhou, Wuxi and Changzhou".to_owned(),
            sid("china-daily-2018-fei"),
        ))
        .build()?;
    let jiangyin = Town::builder(
        TownId::known("jiangyin"),
        Name::new("Jiangyin")?.with_chinese("江阴市")?,
        AdminLevel::CountyLevelCity,
    )
    .parent(TownId::known("wuxi"))
    .province("Jiangsu")
    .statistical_code(code("320281", Some((2015, 2023)))?)
    .note(super::gazetteer_note())
    .build()?;
    let huashi = Town::builder(TownId::known("huashi"), Name::new("Huashi")?.with_chinese("华士镇")?, AdminLevel::Town)
        .parent(TownId::known("jiangyin"))
        .province("Jiangsu")
        .statistical_code(code("320281107", Some((2015, 2023)))?)
        .note(super::gazetteer_note())
        .build()?;
    let huaxi = Town::builder(TownId::known("huaxi"), Name::new("Huaxi")?.with_chinese("华西村")?, AdminLevel::Village)
        .parent(TownId::known("huashi"))
        .province("Jiangsu")
        .area(Observed::new(Area::new(35.0)?, sid("china-daily-2018-huaxi")))
        .population(Observed::new(Population::new(60_000), sid("china-daily-2018-huaxi")))
        .model(Observed::new(RegionalModel::Sunan, sid("tencent-news-huaxi")))
        .dimension(DimensionValue::Ownership(Ownership::Collective), sid("washington-post-2006-huaxi"))
        .dimension(DimensionValue::DrivingActor(DrivingActor::LocalGovernment), sid("washington-post-2006-huaxi"))
        .dimension(DimensionValue::GovernmentRole(GovernmentRole::OwnerAndDirector), sid("washington-post-2006-huaxi"))
        .dimension(DimensionValue::Dynamics(Dynamics::GovernmentLed), sid("washington-post-2006-huaxi"))
        .trajectory(Trajectory::new(vec![
            Stage::new("Village-owned textile factory started by the party secretary (1969)", sid("washington-post-2006-huaxi"))?
                .with_ownership(Ownership::Collective)
                .with_driving_actors([DrivingActor::LocalGovernment]),
            Stage::new("Communal land kept under village control, more factories (from the late 1970s)", sid("washington-post-2006-huaxi"))?
                .with_ownership(Ownership::Collective),
            Stage::new("Village-owned conglomerate: Jiangsu Huaxi Group", sid("china-daily-2018-huaxi"))?,
        ])?)
        .note(Observed::new(
            "model: Tencent News describes Huaxi as still keeping to the 'collectivist' road 'today, with the Sunan model broken up on a large scale', that is, as the village where the Sunan model held on; the sentence sets Huaxi against the model's break-up and does not call it a case of the model in so many words (the crate's reading); the literal wording, 'the Sunan model represented by Huaxi', is only in the weak reposts of Jiemian News; the Tencent page was read in an earlier session and not found again in this one".to_owned(),
            sid("tencent-news-huaxi"),
        ))
        .note(Observed::new(
            "model: a Jiemian News feature of 2018, read only on reposts, speaks of 'the Sunan model represented by Huaxi'".to_owned(),
            sid("jiemian-2018-huaxi"),
        ))
        .note(Observed::new(
            "area and population: 'about 60,000 people' and 35 km² in 2018, against 667 villagers and under 1 km² in the 1960s".to_owned(),
            sid("china-daily-2018-huaxi"),
        ))
        .note(Observed::new(
            "level: a village, 'Huaxi village in Jiangyin city, Wuxi'".to_owned(),
            sid("wuxi-gov-2020-huaxi"),
        ))
        .note(Observed::new(
            "no statistical code and parent Huashi: the NBS codes list villages below the township level, which the crate's gazetteer does not cover; an aggregator of the village codes lists numbered Huaxi villages (华西二村, 320281107202, with 华西一村 and 华西三村 to 华西十三村 as neighbours) under 华士镇 (Huashi, 320281107), so the enlarged Huaxi of 35 km² has no single code".to_owned(),
            sid("tcmap-huaxi-er-cun"),
        ))
        .build()?;
    Ok(vec![wuxi, jiangyin, huashi, huaxi])
}
